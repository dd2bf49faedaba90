package dev.ownstack.activation.audience.recipe;

import dev.ownstack.activation.audience.recipe.Recipe.Arguments;
import dev.ownstack.activation.audience.recipe.Recipe.Built;
import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AudienceRule;
import dev.ownstack.core.config.audiences.Comparison;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.EventCount;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The recipes ownstack ships, from common lifecycle marketing practice. Orders are the rows of
 * {@code model.transactions} whose {@code type} is the {@code order-type} parameter ({@code order}
 * unless given; empty counts every transaction); spend is the sum of {@code amount} over all of a
 * customer's transactions, refunds included. Events are named by parameters, defaulting to the
 * Segment e-commerce spec's {@code Product Viewed} and {@code Order Completed}.
 */
public final class Recipes {
    private static final String ORDER_TYPE = "order-type";
    private static final RecipeParameter ORDER_TYPE_PARAMETER = RecipeParameter.text(ORDER_TYPE, "order",
            "the model.transactions type that counts as an order; empty counts every transaction");

    private static final List<Recipe> ALL = List.of(
            new Recipe("high-value-at-risk", "High-value customers at risk: spent a lot and ordered in the past year, but not recently",
                    List.of(RecipeParameter.amount("min-spend", 500, "the least a customer has spent, all time, refunds deducted"),
                            RecipeParameter.days("quiet-days", 60, "no order in this many days"),
                            RecipeParameter.days("active-days", 365, "but an order in this many days"), ORDER_TYPE_PARAMETER),
                    Recipes::highValueAtRisk),
            new Recipe("lapsed-buyers", "Lapsed buyers: ordered before, but not recently",
                    List.of(RecipeParameter.days("lapsed-days", 90, "no order in this many days"), ORDER_TYPE_PARAMETER),
                    arguments -> new Built(AllOf.of(orders(arguments, Operator.GREATER_OR_EQUAL, 1, TimeWindow.ALL_TIME),
                            noOrders(arguments, arguments.whole("lapsed-days"))))),
            new Recipe("new-customers", "New customers in their first days: first seen recently (model.customers.first_seen)",
                    List.of(RecipeParameter.days("days", 30, "first seen within this many days")),
                    arguments -> new Built(TraitCondition.of("first_seen", Operator.WITHIN_LAST_DAYS, RuleValue.of(arguments.whole("days"))))),
            new Recipe("browsers-never-bought", "Browsers who never bought: viewed products recently but never completed an order",
                    List.of(RecipeParameter.days("days", 30, "viewed within this many days"),
                            RecipeParameter.count("min-views", 1, "at least this many views in those days"),
                            RecipeParameter.text("view-event", "Product Viewed", "the event of viewing a product"),
                            RecipeParameter.text("purchase-event", "Order Completed", "the event of completing an order")),
                    Recipes::browsersNeverBought),
            new Recipe("repeat-buyers", "Repeat buyers: several orders in a period",
                    List.of(RecipeParameter.count("min-orders", 2, "at least this many orders"),
                            RecipeParameter.days("days", 365, "within this many days"), ORDER_TYPE_PARAMETER),
                    arguments -> new Built(orders(arguments, Operator.GREATER_OR_EQUAL, arguments.whole("min-orders"),
                            new TimeWindow.LastDays(arguments.whole("days"))))),
            new Recipe("win-back", "Win-back: former repeat customers who have not ordered for a long time, with a holdout to measure the campaign",
                    List.of(RecipeParameter.count("min-orders", 2, "at least this many orders, all time"),
                            RecipeParameter.days("inactive-days", 180, "no order in this many days"),
                            RecipeParameter.percent("holdout-percent", 10, "customers held out as a control group (0 to 99)"),
                            ORDER_TYPE_PARAMETER),
                    arguments -> new Built(AllOf.of(orders(arguments, Operator.GREATER_OR_EQUAL, arguments.whole("min-orders"), TimeWindow.ALL_TIME),
                            noOrders(arguments, arguments.whole("inactive-days"))), arguments.whole("holdout-percent"))));

    private Recipes() {
    }

    public static List<Recipe> all() {
        return ALL;
    }

    public static Optional<Recipe> find(String name) {
        return ALL.stream().filter(recipe -> recipe.name().equals(name)).findFirst();
    }

    /** The recipe, or NOT_FOUND listing the recipes. */
    public static Recipe get(String name) {
        return find(name).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND, "unknown recipe \"" + name + "\"; the recipes are "
                + ALL.stream().map(Recipe::name).collect(Collectors.joining(", "))));
    }

    private static Built highValueAtRisk(Arguments arguments) {
        int quiet = arguments.whole("quiet-days");
        int active = arguments.whole("active-days");
        if (quiet >= active) {
            arguments.problem("quiet-days", "must be fewer than active-days (" + active + "), got " + quiet);
        }
        AudienceRule spent = new TransactionCondition(TransactionCondition.Measure.SUM, TransactionCondition.DEFAULT_COLUMN,
                Comparison.of(Operator.GREATER_OR_EQUAL, arguments.number("min-spend")), TimeWindow.ALL_TIME, List.of());
        return new Built(AllOf.of(spent, orders(arguments, Operator.GREATER_OR_EQUAL, 1, new TimeWindow.LastDays(active)),
                noOrders(arguments, quiet)));
    }

    private static Built browsersNeverBought(Arguments arguments) {
        String view = arguments.text("view-event");
        String purchase = arguments.text("purchase-event");
        if (view.isEmpty()) {
            arguments.problem("view-event", "must name an event");
        }
        if (purchase.isEmpty()) {
            arguments.problem("purchase-event", "must name an event");
        }
        if (view.isEmpty() || purchase.isEmpty()) {
            return new Built(AllOf.of());
        }
        EventCondition viewed = EventCondition.performed(view).withCount(new EventCount(EventCount.Operator.AT_LEAST, arguments.whole("min-views")))
                .withWindow(new TimeWindow.LastDays(arguments.whole("days")));
        return new Built(AllOf.of(viewed, EventCondition.notPerformed(purchase)));
    }

    private static TransactionCondition orders(Arguments arguments, Operator operator, int count, TimeWindow window) {
        String type = arguments.text(ORDER_TYPE);
        return new TransactionCondition(TransactionCondition.Measure.COUNT, TransactionCondition.DEFAULT_COLUMN,
                Comparison.of(operator, RuleValue.of(count)), window, type.isEmpty() ? List.of() : List.of(type));
    }

    private static TransactionCondition noOrders(Arguments arguments, int days) {
        return orders(arguments, Operator.EQUALS, 0, new TimeWindow.LastDays(days));
    }
}
