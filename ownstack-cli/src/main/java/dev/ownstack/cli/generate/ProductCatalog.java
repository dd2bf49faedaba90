package dev.ownstack.cli.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shop's products, built once per run from the seed.
 *
 * <p>Products are grouped by the hundred price quantiles of {@link Calibration#UNIT_PRICE_PENCE}.
 * A line first picks a quantile uniformly, then a product within it, popular ones more often, so
 * the price of a line follows the calibrated distribution exactly while some products still sell
 * far more than others.
 */
final class ProductCatalog {

    /**
     * A product with the JSON that events repeat for it, written once here rather than per event.
     *
     * @param priceQuantile which of the hundred price quantiles the product sits in, 0 the cheapest
     * @param csvName the name as a CSV field, quoted when it needs to be
     * @param jsonFields {@code "product_id":..,"sku":..,"name":..,"price":..} for event properties
     * @param pageJson the properties of the product's page view
     */
    record Product(String sku, String name, long unitPrice, int priceQuantile, String csvName, String jsonFields,
            String pageJson) {

        static Product of(String sku, String name, long unitPrice, int priceQuantile) {
            String path = "/products/" + slug(name, sku);
            StringBuilder fields = new StringBuilder(96).append("\"product_id\":").append(JsonLine.quoted(sku))
                    .append(",\"sku\":").append(JsonLine.quoted(sku))
                    .append(",\"name\":").append(JsonLine.quoted(name))
                    .append(",\"price\":");
            Money.append(fields, unitPrice);
            String page = "{\"path\":" + JsonLine.quoted(path) + ",\"url\":" + JsonLine.quoted(SHOP_URL + path)
                    + ",\"title\":" + JsonLine.quoted(name + " | Example Shop") + "}";
            String csvName = CsvLine.needsQuotes(name) ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
            return new Product(sku, name, unitPrice, priceQuantile, csvName, fields.toString(), page);
        }
    }

    static final String SHOP_URL = "https://shop.example.com";

    private static final int PRODUCTS_PER_PRICE = 40;

    private final Product[][] productsByPrice;

    ProductCatalog(long seed) {
        SplittableRandom random = Seeds.random(seed, 0, Seeds.Purpose.CATALOG);
        int[] prices = Calibration.UNIT_PRICE_PENCE.values();
        int count = prices.length * PRODUCTS_PER_PRICE;
        int[] skuNumbers = shuffledSkuNumbers(count, random);
        productsByPrice = new Product[prices.length][PRODUCTS_PER_PRICE];
        for (int price = 0; price < prices.length; price++) {
            for (int rank = 0; rank < PRODUCTS_PER_PRICE; rank++) {
                int number = skuNumbers[price * PRODUCTS_PER_PRICE + rank];
                String name = name(random);
                String sku = number % 7 == 0 ? number + "A" : Integer.toString(number);
                productsByPrice[price][rank] = Product.of(sku, name, prices[price], price);
            }
        }
    }

    Product draw(SplittableRandom random) {
        Product[] candidates = productsByPrice[random.nextInt(productsByPrice.length)];
        double popularity = random.nextDouble();
        return candidates[(int) (candidates.length * popularity * popularity)];
    }

    private static String name(SplittableRandom random) {
        String name = Vocabulary.PRODUCT_COLOURS[random.nextInt(Vocabulary.PRODUCT_COLOURS.length)] + " "
                + Vocabulary.PRODUCT_MATERIALS[random.nextInt(Vocabulary.PRODUCT_MATERIALS.length)] + " "
                + Vocabulary.PRODUCT_ITEMS[random.nextInt(Vocabulary.PRODUCT_ITEMS.length)];
        if (random.nextInt(100) < 10) {
            name += Vocabulary.PRODUCT_SUFFIXES[random.nextInt(Vocabulary.PRODUCT_SUFFIXES.length)];
        }
        return name;
    }

    private static String slug(String name, String sku) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                + "-" + sku.toLowerCase(Locale.ROOT);
    }

    private static int[] shuffledSkuNumbers(int count, SplittableRandom random) {
        int[] numbers = new int[count];
        for (int index = 0; index < count; index++) {
            numbers[index] = 20_000 + index * 13;
        }
        for (int index = count - 1; index > 0; index--) {
            int other = random.nextInt(index + 1);
            int swap = numbers[index];
            numbers[index] = numbers[other];
            numbers[other] = swap;
        }
        return numbers;
    }
}
