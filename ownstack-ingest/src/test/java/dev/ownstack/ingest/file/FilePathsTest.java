package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePathsTest {
    @TempDir
    Path project;

    @BeforeEach
    void files() throws IOException {
        for (String file : List.of("data/b.csv", "data/a.csv", "data/c.jsonl", "data/2024/01/x.csv", "data/2024/02/y.csv",
                "data/.hidden.csv", "other/z.csv")) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.writeString(project.resolve(file), "id\n1\n");
        }
    }

    private List<String> resolve(String... entries) {
        return FilePaths.resolve(List.of(entries), project).stream().map(path -> project.relativize(path).toString()).toList();
    }

    @Test
    void a_star_matches_files_of_one_folder_in_sorted_order() {
        assertEquals(List.of("data/a.csv", "data/b.csv"), resolve("data/*.csv"));
    }

    @Test
    void a_double_star_matches_files_at_any_depth_including_the_top() {
        assertEquals(List.of("data/2024/01/x.csv", "data/2024/02/y.csv", "data/a.csv", "data/b.csv"), resolve("data/**/*.csv"));
    }

    @Test
    void question_marks_and_alternatives_match_as_in_a_shell() {
        assertEquals(List.of("data/a.csv", "data/c.jsonl"), resolve("data/{a.csv,c.jsonl}"));
        assertEquals(List.of("data/2024/01/x.csv"), resolve("data/2024/0?/x.csv"));
    }

    @Test
    void entries_keep_their_order_and_each_file_comes_once() {
        assertEquals(List.of("other/z.csv", "data/a.csv", "data/b.csv"), resolve("other/z.csv", "data/*.csv", "data/a.csv"));
    }

    @Test
    void a_folder_means_its_files_and_an_absolute_glob_works_too() {
        assertEquals(List.of("data/a.csv", "data/b.csv", "data/c.jsonl"), resolve("data"));
        assertEquals(List.of("other/z.csv"), resolve(project.resolve("other") + "/*.csv"));
    }

    @Test
    void a_pattern_matching_nothing_names_the_pattern_and_the_folder_searched() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> resolve("data/*.parquet"));
        assertEquals(ErrorKind.USER, error.kind());
        assertTrue(error.getMessage().contains("'data/*.parquet'") && error.getMessage().contains(project.resolve("data").toString()),
                error.getMessage());
    }

    @Test
    void a_missing_file_is_named_with_where_it_was_looked_for() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> resolve("data/missing.csv"));
        assertEquals(ErrorKind.USER, error.kind());
        assertTrue(error.getMessage().contains(project.resolve("data/missing.csv").toString()), error.getMessage());
    }
}
