package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * standardising). {@link #toBytes()} keeps it as JSON: the means and deviations, and Tribuo's own
 * protobuf form of the model (base64).
 */
public final class LogisticBaseline implements ChurnModel {
    private static final String CHURNED = "churned";
    private static final String STAYED = "stayed";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The model, its means and deviations as JSON, for a model store. */
    public byte[] toBytes() {
        ObjectNode json = JSON.createObjectNode();
        JsonNumbers.write(json.putArray("means"), means);
        JsonNumbers.write(json.putArray("deviations"), deviations);
        ByteArrayOutputStream tribuo = new ByteArrayOutputStream();
        try {
            model.serializeToStream(tribuo);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "logistic regression could not save the model: " + e.getMessage(), List.of(), e);
        }
        json.put("tribuo", Base64.getEncoder().encodeToString(tribuo.toByteArray()));
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A model saved by {@link #toBytes()}, trained on {@code featureNames}: it predicts exactly what it did when saved. */
    @SuppressWarnings("unchecked")
    public static LogisticBaseline load(byte[] bytes, List<String> featureNames) {
        try {
            JsonNode json = JSON.readTree(bytes);
            double[] means = JsonNumbers.values(json.path("means"));
            double[] deviations = JsonNumbers.values(json.path("deviations"));
            if (means.length != featureNames.size() || deviations.length != featureNames.size() || !json.path("tribuo").isTextual()) {
                throw new OwnstackException(ErrorCode.INTERNAL, "a stored logistic regression has " + means.length + " means and "
                        + deviations.length + " deviations for " + featureNames.size() + " features, or no model");
            }
            Model<?> model = Model.deserializeFromStream(new ByteArrayInputStream(Base64.getDecoder().decode(json.path("tribuo").asText())));
            if (!model.validate(Label.class)) {
                throw new OwnstackException(ErrorCode.INTERNAL, "a stored logistic regression is not a classification model");
            }
            return new LogisticBaseline((Model<Label>) model, featureNames, means, deviations);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OwnstackException known) {
                throw known;
            }
            throw new OwnstackException(ErrorCode.INTERNAL, "logistic regression could not load a stored model: " + e.getMessage(), List.of(), e);
        }
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
