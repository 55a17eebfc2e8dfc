package dev.aoi.persister.bench;

/** Command-line options of {@code bench}. */
record BenchOptions(int images, int regions, int batch, int rowAtATimeImages, int repeat, String jdbcUrl, String json,
        boolean compareSeedSchema, boolean keep, boolean help) {

    static final String USAGE = """
            usage: bench [--images 20000] [--regions 20] [--batch 500] [--row-at-a-time-images 2000] [--repeat 1]
                         [--jdbc-url URL] [--json FILE] [--compare-seed-schema] [--keep]
              Times COPY (the ceiling), the persister's writer (fresh, full replay, reprocess with newer results)
              and a row-at-a-time writer (one transaction per image) on the same PostgreSQL and data. The server
              is --jdbc-url, else DATABASE_URL, else an embedded PostgreSQL; the bench works in a scratch
              database it creates and drops (--keep: leaves it, loaded with the data, for EXPLAIN).
              --compare-seed-schema also times COPY into the seed schema (V1).""";

    static BenchOptions parse(String[] args) {
        int images = 20_000;
        int regions = 20;
        int batch = 500;
        int rowImages = 2_000;
        int repeat = 1;
        String url = null;
        String json = null;
        boolean seed = false;
        boolean help = false;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--images" -> images = positive(a, value(args, ++i, a));
                case "--regions" -> regions = Math.max(0, Integer.parseInt(value(args, ++i, a)));
                case "--batch" -> batch = positive(a, value(args, ++i, a));
                case "--row-at-a-time-images" -> rowImages = positive(a, value(args, ++i, a));
                case "--repeat" -> repeat = positive(a, value(args, ++i, a));
                case "--jdbc-url" -> url = value(args, ++i, a);
                case "--json" -> json = value(args, ++i, a);
                case "--compare-seed-schema" -> seed = true;
                case "--keep" -> keep = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new BenchOptions(images, regions, batch, rowImages, repeat, url, json, seed, keep, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got " + value);
        }
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        }
        return v;
    }
}
