package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The logistic-regression baseline, trained with Tribuo. Features are standardised with the
 * training set's mean and standard deviation, after a signed log ({@code sign(x) log(1 + |x|)})
 * that tames the long tails of counts and money; a missing value becomes the mean (0 after
 * standardising).
 */
public final class LogisticBaseline implements ChurnModel {
    private static final String CHURNED = "churned";
    private static final String STAYED = "stayed";

    private final Model<Label> model;
    private final List<String> featureNames;
    private final double[] means;
    private final double[] deviations;

    private LogisticBaseline(Model<Label> model, List<String> featureNames, double[] means, double[] deviations) {
        this.model = model;
        this.featureNames = List.copyOf(featureNames);
        this.means = means;
        this.deviations = deviations;
    }

    public static LogisticBaseline train(LabelledSet set) {
        FeatureCheck.bothClasses(set);
        FeatureMatrix features = set.features();
        int columns = features.featureNames().size();
        double[] means = new double[columns];
        double[] deviations = new double[columns];
        for (int column = 0; column < columns; column++) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (double[] row : features.rows()) {
                double value = squash(row[column]);
                if (!Double.isNaN(value)) {
                    sum += value;
                    squares += value * value;
                    count++;
                }
            }
            means[column] = count == 0 ? 0 : sum / count;
            double variance = count == 0 ? 0 : squares / count - means[column] * means[column];
            deviations[column] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("churn training set as of "
                + features.cutoff(), factory), factory);
        String[] names = features.featureNames().toArray(String[]::new);
        boolean[] churned = set.churned();
        for (int row = 0; row < features.size(); row++) {
            data.add(new ArrayExample<>(new Label(churned[row] ? CHURNED : STAYED), names,
                    standardise(features.rows().get(row), means, deviations)));
        }
        try {
            return new LogisticBaseline(new LogisticRegressionTrainer().train(data), features.featureNames(), means, deviations);
        } catch (RuntimeException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "logistic regression training failed: " + e.getMessage(), List.of(), e);
        }
    }

    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double[] predict(FeatureMatrix features) {
        FeatureCheck.sameFeatures(name(), featureNames, features);
        String[] names = featureNames.toArray(String[]::new);
        double[] probabilities = new double[features.size()];
        for (int row = 0; row < probabilities.length; row++) {
            Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                    standardise(features.rows().get(row), means, deviations)));
            probabilities[row] = prediction.getOutputScores().get(CHURNED).getScore();
        }
        return probabilities;
    }

    private static double[] standardise(double[] row, double[] means, double[] deviations) {
        double[] values = new double[row.length];
        for (int column = 0; column < row.length; column++) {
            double value = squash(row[column]);
            values[column] = Double.isNaN(value) ? 0 : (value - means[column]) / deviations[column];
        }
        return values;
    }

    private static double squash(double value) {
        return Math.signum(value) * Math.log1p(Math.abs(value));
    }
}
