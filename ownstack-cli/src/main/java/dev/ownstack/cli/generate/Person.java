package dev.ownstack.cli.generate;

import java.util.Objects;

/**
 * The truth about one generated person: the clean values that source records are noisy copies of.
 * It never appears in an output file except as {@code personId} in the truth file.
 *
 * @param company empty when the person gives none
 */
record Person(
        long index,
        String personId,
        String firstName,
        String lastName,
        String primaryEmail,
        String alternateEmail,
        Phone phone,
        String streetAddress,
        Vocabulary.City city,
        String postcode,
        String company) {

    Person {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(primaryEmail, "primaryEmail");
        Objects.requireNonNull(alternateEmail, "alternateEmail");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(streetAddress, "streetAddress");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(postcode, "postcode");
        Objects.requireNonNull(company, "company");
    }

    /**
     * A UK number split as it is usually written: {@code 020 7946 0958} is area {@code 20}, head
     * {@code 7946}, tail {@code 0958}; {@code 07911 123456} is area {@code 7911}, head {@code 123},
     * tail {@code 456}, written without the inner space.
     */
    record Phone(String area, String head, String tail, boolean innerSpace) {

        Phone {
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(tail, "tail");
        }
    }
}
