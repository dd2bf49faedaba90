package dev.ownstack.cli.generate;

import java.util.Map;

/**
 * Words people and products are made of. Names mix common UK names with names whose spelling
 * tests a pipeline: apostrophes, hyphens, spaces and letters outside ASCII.
 */
final class Vocabulary {

    static final String[] FIRST_NAMES = {
        "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
        "James", "Henry", "Leo", "Alfie", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander",
        "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Mohammed", "Logan", "Theo",
        "Robert", "Michael", "David", "Richard", "Christopher", "Matthew", "Andrew", "Anthony", "Peter", "Stephen",
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella",
        "Lily", "Evie", "Isabella", "Sophie", "Ivy", "Freya", "Harper", "Willow", "Charlotte", "Jessica",
        "Elizabeth", "Margaret", "Catherine", "Victoria", "Rebecca", "Jennifer", "Susan", "Sarah", "Emma", "Hannah",
        "Zoë", "Chloé", "Siobhán", "Aoife", "Niamh", "Seán", "Ciarán", "Priya", "Aisha", "Fatima",
        "Wei", "Yusuf", "Anjali", "Raj", "Chidi", "Ngozi", "Kwame", "Agnieszka", "Łukasz", "José",
        "Mary-Jane", "Anne Marie", "Jean-Luc", "Björn", "Søren", "Renée", "Nathaniel", "Benjamin", "Elena", "Marta"};

    static final Map<String, String> NICKNAMES = Map.ofEntries(
            Map.entry("Robert", "Bob"), Map.entry("William", "Bill"), Map.entry("James", "Jim"),
            Map.entry("Michael", "Mike"), Map.entry("Richard", "Rick"), Map.entry("Christopher", "Chris"),
            Map.entry("Matthew", "Matt"), Map.entry("Andrew", "Andy"), Map.entry("Anthony", "Tony"),
            Map.entry("Thomas", "Tom"), Map.entry("Joseph", "Joe"), Map.entry("Edward", "Ed"),
            Map.entry("Samuel", "Sam"), Map.entry("Daniel", "Dan"), Map.entry("Alexander", "Alex"),
            Map.entry("Joshua", "Josh"), Map.entry("Benjamin", "Ben"), Map.entry("Nathaniel", "Nate"),
            Map.entry("Peter", "Pete"), Map.entry("Stephen", "Steve"), Map.entry("Elizabeth", "Liz"),
            Map.entry("Margaret", "Maggie"), Map.entry("Catherine", "Kate"), Map.entry("Victoria", "Vicky"),
            Map.entry("Rebecca", "Becky"), Map.entry("Jennifer", "Jen"), Map.entry("Susan", "Sue"),
            Map.entry("Jessica", "Jess"), Map.entry("Isabella", "Bella"), Map.entry("Charlotte", "Lottie"),
            Map.entry("Frederick", "Fred"), Map.entry("Henry", "Harry"));

    static final String[] LAST_NAMES = {
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
        "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
        "O'Brien", "O'Connor", "McDonald", "MacLeod", "Smith-Jones", "Ward-Prowse", "de la Cruz", "van der Berg",
        "Nowak", "Kowalski", "Müller", "Schäfer", "Núñez", "García", "Okafor", "Mensah", "Nguyen", "Chen",
        "Wang", "Kaur", "Sharma", "Ahmed", "Rahman", "Doyle", "Byrne", "Gallagher", "Fitzgerald", "Ó Súilleabháin"};

    /** City, postcode area, and the dialling code without its leading zero. */
    record City(String name, String postcodeArea, String diallingCode) {
    }

    static final City[] CITIES = {
        new City("London", "SW", "20"), new City("London", "E", "20"), new City("London", "N", "20"),
        new City("London", "SE", "20"), new City("London", "NW", "20"), new City("London", "W", "20"),
        new City("Manchester", "M", "161"), new City("Birmingham", "B", "121"), new City("Leeds", "LS", "113"),
        new City("Glasgow", "G", "141"), new City("Edinburgh", "EH", "131"), new City("Bristol", "BS", "117"),
        new City("Liverpool", "L", "151"), new City("Sheffield", "S", "114"), new City("Cardiff", "CF", "29"),
        new City("Belfast", "BT", "28"), new City("Nottingham", "NG", "115"), new City("Leicester", "LE", "116"),
        new City("Newcastle upon Tyne", "NE", "191"), new City("Brighton", "BN", "1273"),
        new City("Oxford", "OX", "1865"), new City("Cambridge", "CB", "1223"), new City("York", "YO", "1904"),
        new City("Bath", "BA", "1225"), new City("Aberdeen", "AB", "1224"), new City("Norwich", "NR", "1603"),
        new City("Exeter", "EX", "1392"), new City("Southampton", "SO", "23"), new City("Reading", "RG", "118"),
        new City("Stoke-on-Trent", "ST", "1782")};

    static final String[] STREETS = {
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Avenue",
        "Mill Lane", "Kings Road", "Queen's Road", "The Crescent", "St John's Close", "Orchard Way", "New Street"};

    /** Personal mail domains with how many in a thousand people use each. */
    static final String[] PERSONAL_DOMAINS = {
        "gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "icloud.com", "btinternet.com",
        "live.co.uk", "googlemail.com", "aol.com", "sky.com"};
    static final int[] PERSONAL_DOMAIN_WEIGHTS = {380, 150, 110, 100, 80, 60, 40, 30, 25, 25};

    static final String[] COMPANIES = {
        "Acme Ltd", "Baker, Lane & Sons Ltd", "Northwind Traders", "Hartley \"Home\" Interiors", "Blue Door Café",
        "Greenleaf Gifts", "Smith & Co", "Riverside Crafts, Inc.", "The Little Shop", "Kingfisher Events",
        "Oak & Ash Design", "Papercraft Studio", "Moss, Fern and Partners LLP", "Harbour Lights B&B"};

    static final String[] CRM_NOTES = {
        "Called twice, asked to be emailed instead", "Prefers \"Liz\" in emails", "Met at trade fair, stand 14",
        "Wholesale enquiry;\nfollow up in Q2", "Do not call before 10am", "Moved house, new address to confirm",
        "Interested in bulk pricing, 50+ units", "Complained about late delivery, refunded postage"};

    static final String[] PRODUCT_COLOURS = {
        "White", "Cream", "Red", "Pink", "Blue", "Green", "Ivory", "Black", "Silver", "Gold", "Pastel", "Vintage"};
    static final String[] PRODUCT_MATERIALS = {
        "Ceramic", "Glass", "Metal", "Wooden", "Enamel", "Paper", "Felt", "Cotton", "Wicker", "Zinc"};
    static final String[] PRODUCT_ITEMS = {
        "Heart T-Light Holder", "Lantern", "Coat Hanger", "Hot Water Bottle", "Cake Stand", "Bunting",
        "Lunch Bag", "Mug", "Jam Jar", "Photo Frame", "Doorstop", "Storage Tin", "Clock", "Tea Towel",
        "Candle", "Bird Ornament", "Gift Wrap", "Notebook", "Egg Cup", "Picnic Basket", "Cushion Cover"};
    static final String[] PRODUCT_SUFFIXES = {
        ", Set of 2", ", Set of 3", ", Set of 6", " \"Home Sweet Home\"", " (Large)", " (Small)"};

    static final String[] PLUS_TAGS = {"shop", "news", "offers", "spam", "2023", "xmas", "orders"};

    static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1"};

    private Vocabulary() {
    }

    static int weightedIndex(int[] weights, int total, int draw) {
        int remaining = draw;
        for (int index = 0; index < weights.length; index++) {
            remaining -= weights[index];
            if (remaining < 0) {
                return index;
            }
        }
        throw new IllegalArgumentException("draw must be below the total weight " + total + ", got " + draw);
    }
}
