package dev.ownstack.destinations.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bulk API 2.0 ingest jobs in a fake org: created {@code Open}, data appended while open, run at
 * {@code UploadComplete} (reported {@code InProgress} to the first poll, then
 * {@code JobComplete}, or {@code Failed} when the CSV header names a field the object lacks),
 * results as the CSV files Salesforce serves. Thread-safe.
 */
final class FakeBulkJobs {
    /** One job. */
    static final class Job {
        final String id;
        final String operation;
        final String externalIdFieldName;
        final StringBuilder data = new StringBuilder();
        String state = "Open";
        String errorMessage = "";
        int pollsUntilDone = 1;
        final List<List<String>> successful = new ArrayList<>();
        final List<List<String>> failed = new ArrayList<>();
        final List<List<String>> unprocessed = new ArrayList<>();
        List<String> header = List.of();

        Job(String id, String operation, String externalIdFieldName) {
            this.id = id;
            this.operation = operation;
            this.externalIdFieldName = externalIdFieldName;
        }

        Map<String, Object> info(String object, String apiVersion) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id", id);
            info.put("operation", operation);
            info.put("object", object);
            info.put("createdById", "005Fk0000000001AAA");
            info.put("state", state);
            if (externalIdFieldName != null) {
                info.put("externalIdFieldName", externalIdFieldName);
            }
            info.put("concurrencyMode", "Parallel");
            info.put("contentType", "CSV");
            info.put("apiVersion", Double.parseDouble(apiVersion.substring(1)));
            info.put("jobType", "V2Ingest");
            info.put("lineEnding", "LF");
            info.put("columnDelimiter", "COMMA");
            info.put("numberRecordsProcessed", successful.size() + failed.size());
            info.put("numberRecordsFailed", failed.size());
            if (!errorMessage.isEmpty()) {
                info.put("errorMessage", errorMessage);
            }
            return info;
        }
    }

    private final FakeOrg org;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean();
    private long nextId = 1;

    FakeBulkJobs(FakeOrg org) {
        this.org = org;
    }

    synchronized Job create(String operation, String externalIdFieldName) {
        String id = String.format("750Fk%010dAAA", nextId++);
        Job job = new Job(id, operation, externalIdFieldName);
        jobs.put(id, job);
        return job;
    }

    Job job(String id) {
        return jobs.get(id);
    }

    int count() {
        return jobs.size();
    }

    /** Runs the job's rows against the org. */
    void run(Job job) {
        synchronized (job) {
            job.state = "UploadComplete";
            List<List<String>> rows = FakeCsv.rows(job.data.toString());
            if (rows.isEmpty()) {
                job.state = "Failed";
                job.errorMessage = "InvalidBatch : Failed to parse CSV. No data found";
                return;
            }
            job.header = rows.get(0);
            List<List<String>> data = rows.subList(1, rows.size());
            for (String column : job.header) {
                if (!org.hasField(column)) {
                    job.state = "Failed";
                    job.errorMessage = "InvalidBatch : Field name not found : " + column;
                    job.unprocessed.addAll(data);
                    return;
                }
            }
            if (job.operation.equals("upsert") && !job.header.contains(job.externalIdFieldName)) {
                job.state = "Failed";
                job.errorMessage = "InvalidBatch : Field name not found : " + job.externalIdFieldName;
                job.unprocessed.addAll(data);
                return;
            }
            for (List<String> row : data) {
                FakeOrg.Outcome outcome = job.operation.equals("delete") ? org.delete(cell(job.header, row, "Id")) : upsert(job, row);
                List<String> result = new ArrayList<>();
                result.add(outcome.success() ? outcome.id() : "");
                result.add(outcome.success() ? String.valueOf(outcome.created()) : outcome.problem().bulk());
                result.addAll(row);
                (outcome.success() ? job.successful : job.failed).add(result);
            }
        }
    }

    private FakeOrg.Outcome upsert(Job job, List<String> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        String key = null;
        for (int i = 0; i < job.header.size(); i++) {
            String column = job.header.get(i);
            String value = i < row.size() ? row.get(i) : "";
            if (column.equalsIgnoreCase(job.externalIdFieldName)) {
                key = value;
            } else if (value.equals("#N/A")) {
                values.put(column, null);
            } else if (!value.isEmpty()) {
                // an empty cell leaves the field as it is
                values.put(column, value);
            }
        }
        return org.upsert(key, values);
    }

    private static String cell(List<String> header, List<String> row, String column) {
        int index = header.indexOf(column);
        return index >= 0 && index < row.size() ? row.get(index) : "";
    }

    /** Jobs stay InProgress from now on, as on a busy org. */
    void hold() {
        hold.set(true);
    }

    /** The job's state as the next poll sees it. */
    String poll(Job job) {
        synchronized (job) {
            if (hold.get() && (job.state.equals("UploadComplete") || job.state.equals("InProgress"))) {
                job.state = "InProgress";
            } else if (job.state.equals("UploadComplete") || job.state.equals("InProgress")) {
                job.state = job.pollsUntilDone-- > 0 ? "InProgress" : "JobComplete";
            }
            return job.state;
        }
    }

    /** successfulResults/: "sf__Id","sf__Created", then the uploaded columns. */
    String successfulResults(Job job) {
        return results(List.of("sf__Id", "sf__Created"), job, job.successful);
    }

    /** failedResults/: "sf__Id","sf__Error", then the uploaded columns. */
    String failedResults(Job job) {
        return results(List.of("sf__Id", "sf__Error"), job, job.failed);
    }

    /** unprocessedrecords/: the uploaded columns. */
    String unprocessedRecords(Job job) {
        return results(List.of(), job, job.unprocessed);
    }

    private static String results(List<String> first, Job job, List<List<String>> rows) {
        synchronized (job) {
            StringBuilder csv = new StringBuilder();
            List<String> header = new ArrayList<>();
            first.forEach(name -> header.add("\"" + name + "\""));
            header.addAll(job.header);
            csv.append(String.join(",", header)).append('\n');
            for (List<String> row : rows) {
                csv.append(String.join(",", row.stream().map(FakeCsv::quote).toList())).append('\n');
            }
            return csv.toString();
        }
    }
}
