package dev.ownstack.cli.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The phone numbers the generator writes for its first people, in its formats, blanks left out. */
final class GeneratedPhones {
    private GeneratedPhones() {
    }

    static List<String> of(int people, long seed) {
        PersonFactory factory = new PersonFactory(seed, people);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> phones = new ArrayList<>(people);
        for (int index = 0; index < people; index++) {
            String phone = Noise.phone(factory.create(index), random, 0);
            if (!phone.isEmpty()) {
                phones.add(phone);
            }
        }
        return phones;
    }
}
