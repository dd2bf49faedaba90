package dev.ownstack.destinations.file;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The destination contract fails destinations that break it: each broken variant of the folder
 * destination fails the contract test for what it breaks, and still passes the others. (The
 * variants are nested classes, which the build's test runner does not run by themselves.)
 */
class ContractFailsBrokenDestinationsTest {
    @Test
    void a_destination_that_drops_removes_fails_the_remove_test() {
        Events events = run(DropsRemoves.class);
        assertFailed(events, "changes_and_removes_in_a_later_run_leave_exactly_the_expected_records");
        assertPassed(events, "check_succeeds_against_the_live_destination()");
        assertFailed(events, "full_batches_of_upserts_from_parallel_writers_then_removes_leave_exactly_the_records_expected()");
    }

    @Test
    void a_destination_that_answers_a_record_too_few_fails_the_one_result_per_record_test() {
        Events events = run(AnswersOneTooFew.class);
        assertFailed(events, "every_record_of_a_batch_gets_exactly_one_result()");
        assertPassed(events, "check_succeeds_against_the_live_destination()");
    }

    @Test
    void a_destination_whose_check_throws_fails_the_check_test() {
        Events events = run(CheckThrows.class);
        assertFailed(events, "check_fails_without_throwing_against_a_wrong_address_or_credential()");
        assertPassed(events, "every_record_of_a_batch_gets_exactly_one_result()");
    }

    @Test
    void a_destination_that_publishes_before_finish_fails_the_lifecycle_test() {
        Events events = run(PublishesEarly.class);
        assertFailed(events, "a_run_publishes_its_writes_at_finish_or_at_once_as_declared()");
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    private static void assertFailed(Events events, String name) {
        List<String> failed = names(events.failed());
        assertTrue(failed.contains(name), "expected " + name + " to fail; failed: " + failed);
    }

    private static void assertPassed(Events events, String name) {
        List<String> passed = names(events.succeeded());
        assertTrue(passed.contains(name), "expected " + name + " to pass; passed: " + passed);
    }

    private static List<String> names(Events events) {
        return events.stream().map(Event::getTestDescriptor).map(descriptor -> descriptor.getDisplayName()).toList();
    }

    static class DropsRemoves extends FolderDestinationTest {
        @Override
        protected DestinationFactory factory() {
            return new Broken(destination -> new Forwarding(destination) {
                @Override
                public BatchResult write(RecordBatch batch) {
                    return batch.operation() == Operation.REMOVE ? BatchResult.allAccepted(batch) : super.write(batch);
                }
            });
        }
    }

    static class AnswersOneTooFew extends FolderDestinationTest {
        @Override
        protected DestinationFactory factory() {
            return new Broken(destination -> new Forwarding(destination) {
                @Override
                public BatchResult write(RecordBatch batch) {
                    List<dev.ownstack.activation.destination.RecordResult> results = super.write(batch).results();
                    return new BatchResult(results.subList(0, results.size() - 1));
                }
            });
        }
    }

    static class CheckThrows extends FolderDestinationTest {
        @Override
        protected DestinationFactory factory() {
            return new Broken(destination -> new Forwarding(destination) {
                @Override
                public CheckResult check() {
                    CheckResult result = super.check();
                    if (!result.ok()) {
                        throw new IllegalStateException(result.message());
                    }
                    return result;
                }
            });
        }
    }

    static class PublishesEarly extends FolderDestinationTest {
        @Override
        protected DestinationFactory factory() {
            return new Broken(destination -> new Forwarding(destination) {
                @Override
                public BatchResult write(RecordBatch batch) {
                    BatchResult result = super.write(batch);
                    super.finish(batch.run(), java.util.Collections.emptyIterator());
                    return result;
                }
            });
        }
    }

    /** The folder destination type with its destinations changed by {@code breakage}. */
    private record Broken(UnaryOperator<Destination> breakage) implements DestinationFactory {
        private static final FolderDestinationFactory FOLDER = new FolderDestinationFactory();

        @Override
        public String type() {
            return FOLDER.type();
        }

        @Override
        public String description() {
            return FOLDER.description();
        }

        @Override
        public ConfigSpec spec() {
            return FOLDER.spec();
        }

        @Override
        public Capabilities defaultCapabilities() {
            return FOLDER.defaultCapabilities();
        }

        @Override
        public Capabilities capabilities(DestinationSettings settings) {
            return FOLDER.capabilities(settings);
        }

        @Override
        public Destination open(DestinationSettings settings) {
            return breakage.apply(FOLDER.open(settings));
        }
    }

    private static class Forwarding implements Destination {
        private final Destination destination;

        Forwarding(Destination destination) {
            this.destination = destination;
        }

        @Override
        public CheckResult check() {
            return destination.check();
        }

        @Override
        public void start(RunInfo run) {
            destination.start(run);
        }

        @Override
        public BatchResult write(RecordBatch batch) {
            return destination.write(batch);
        }

        @Override
        public void finish(RunInfo run, Iterator<SyncRecord> current) {
            destination.finish(run, current);
        }

        @Override
        public void close() {
            destination.close();
        }
    }
}
