package dev.ownstack.cli.command;

import dev.ownstack.cli.output.Progress;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.scoring.AppliedScores;
import dev.ownstack.insights.scoring.Scoring;
import dev.ownstack.insights.scoring.ScoringReport;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.Optional;

/** The demo's scoring step: trains the churn and lifetime-value models of its ownstack.yml, prints their evaluations and applies them. */
final class DemoScores {
    private DemoScores() {
    }

    static void run(ProjectConfig config, Warehouse warehouse, PrintWriter out, Progress progress) {
        Scoring scoring = ScoreCommand.scoring(config, warehouse);
        long start = System.nanoTime();
        for (String model : config.scores().models().keySet()) {
            out.printf("     Training the %s model (ownstack score train %s):%n", model, model);
            out.flush();
            progress.show("score train " + model);
            ScoringReport report;
            try {
                report = scoring.train(model, Optional.empty());
            } catch (OwnstackException e) {
                if (e.kind() != ErrorKind.USER) {
                    throw e;
                }
                // a demo of very few customers may not have both classes; it goes on without this model's traits
                progress.done();
                out.println("     not trained: " + e.getMessage());
                continue;
            } finally {
                progress.done();
            }
            report.summary().lines().forEach(line -> out.println("     " + line));
            AppliedScores applied = scoring.apply(model, Optional.empty());
            out.printf("     Applied: %,d customers scored into %s%n", applied.rows(), String.join(", ", applied.columns()));
            out.flush();
        }
        out.printf("     Scoring took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
