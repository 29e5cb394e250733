package dev.tarn.glue.crawler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Paging;
import dev.tarn.glue.catalog.Catalog;
import dev.tarn.glue.model.CrawlRecord;
import dev.tarn.glue.model.Crawler;
import dev.tarn.glue.model.Crawler.CrawlerTargets;
import dev.tarn.glue.model.Crawler.RecrawlPolicy;
import dev.tarn.glue.model.Crawler.Schedule;
import dev.tarn.glue.model.Crawler.SchemaChangePolicy;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tarn.glue.GlueContext.required;
import static java.util.Objects.requireNonNull;

/**
 * Crawlers: Create, Get, GetCrawlers, ListCrawlers, Update, Delete, Start, Stop,
 * GetCrawlerMetrics, ListCrawls, and the schedule (UpdateCrawlerSchedule,
 * StartCrawlerSchedule, StopCrawlerSchedule).
 */
public final class CrawlerOperations
{
    private final GlueContext glue;
    private final Crawlers crawlers;
    private final CrawlerRunner runner;
    private final CrawlerRole role;

    public CrawlerOperations(GlueContext glue, Crawlers crawlers, CrawlerRunner runner, CrawlerScheduler scheduler, CrawlerRole role)
    {
        this.role = requireNonNull(role, "role is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.runner = requireNonNull(runner, "runner is null");
        requireNonNull(scheduler, "scheduler is null");
    }

    public record CrawlerRequest(String name, Optional<String> role, Optional<String> databaseName, Optional<String> description, CrawlerTargets targets,
            Optional<String> schedule, Optional<List<String>> classifiers, Optional<String> tablePrefix, Optional<SchemaChangePolicy> schemaChangePolicy,
            Optional<RecrawlPolicy> recrawlPolicy, Optional<JsonNode> lineageConfiguration, Optional<JsonNode> lakeFormationConfiguration,
            Optional<String> configuration, Optional<String> crawlerSecurityConfiguration, Optional<Map<String, String>> tags) {}

    public record NameRequest(String name) {}

    public record GetCrawlerResponse(Crawler crawler) {}

    public record PageRequest(Optional<Integer> maxResults, Optional<String> nextToken) {}

    public record GetCrawlersResponse(List<Crawler> crawlers, Optional<String> nextToken) {}

    public record ListCrawlersResponse(List<String> crawlerNames, Optional<String> nextToken) {}

    public record MetricsRequest(Optional<List<String>> crawlerNameList, Optional<Integer> maxResults, Optional<String> nextToken) {}

    public record CrawlerMetrics(String crawlerName, double timeLeftSeconds, boolean stillEstimating, double lastRuntimeSeconds,
            double medianRuntimeSeconds, int tablesCreated, int tablesUpdated, int tablesDeleted) {}

    public record MetricsResponse(List<CrawlerMetrics> crawlerMetricsList, Optional<String> nextToken) {}

    public record CrawlsFilter(Optional<String> fieldName, Optional<String> filterOperator, Optional<String> fieldValue) {}

    public record ListCrawlsRequest(String crawlerName, Optional<Integer> maxResults, Optional<List<CrawlsFilter>> filters, Optional<String> nextToken) {}

    public record CrawlerHistory(String crawlId, String state, Instant startTime, Optional<Instant> endTime, String summary, Optional<String> errorMessage,
            String logGroup, String logStream, String messagePrefix, @JsonProperty("DPUHour") double dpuHour) {}

    public record ListCrawlsResponse(List<CrawlerHistory> crawls, Optional<String> nextToken) {}

    public record ScheduleRequest(String crawlerName, Optional<String> schedule) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateCrawler", CrawlerRequest.class, this::create));
        registry.operation(new ActionOperation<>("UpdateCrawler", CrawlerRequest.class, this::update));
        registry.operation(new ActionOperation<>("GetCrawler", NameRequest.class, this::get));
        registry.operation(new ActionOperation<>("GetCrawlers", PageRequest.class, this::getCrawlers));
        registry.operation(new ActionOperation<>("ListCrawlers", PageRequest.class, this::listCrawlers));
        registry.operation(new ActionOperation<>("DeleteCrawler", NameRequest.class, this::delete));
        registry.operation(new ActionOperation<>("StartCrawler", NameRequest.class, this::start));
        registry.operation(new ActionOperation<>("StopCrawler", NameRequest.class, this::stop));
        registry.operation(new ActionOperation<>("GetCrawlerMetrics", MetricsRequest.class, this::metrics));
        registry.operation(new ActionOperation<>("ListCrawls", ListCrawlsRequest.class, this::listCrawls));
        registry.operation(new ActionOperation<>("UpdateCrawlerSchedule", ScheduleRequest.class, this::updateSchedule));
        registry.operation(new ActionOperation<>("StartCrawlerSchedule", ScheduleRequest.class, (c, r) -> setScheduleState(c, r, true)));
        registry.operation(new ActionOperation<>("StopCrawlerSchedule", ScheduleRequest.class, (c, r) -> setScheduleState(c, r, false)));
    }

    private static String name(String name)
    {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw GlueErrors.invalidInput("Crawler name must be 1 to 255 characters");
        }
        return name;
    }

    private static void validate(CrawlerTargets targets, SchemaChangePolicy policy, RecrawlPolicy recrawl, Optional<String> configuration)
    {
        if (targets == null || (targets.s3Targets().isEmpty() && targets.jdbcTargets().isEmpty() && targets.catalogTargets().isEmpty()
                && targets.dynamoDbTargets().isEmpty() && targets.mongoDbTargets().isEmpty() && targets.deltaTargets().isEmpty()
                && targets.icebergTargets().isEmpty() && targets.hudiTargets().isEmpty())) {
            throw GlueErrors.invalidInput("Crawler must have at least one target");
        }
        for (Crawler.S3Target target : targets.s3Targets()) {
            try {
                Crawl.S3Path.parse(required("Path", target.path()));
            }
            catch (IllegalArgumentException e) {
                throw GlueErrors.invalidInput(e.getMessage());
            }
            target.sampleSize().ifPresent(size -> {
                if (size < 1 || size > 249) {
                    throw GlueErrors.invalidInput("SampleSize must be between 1 and 249");
                }
            });
        }
        if (!List.of("LOG", "UPDATE_IN_DATABASE").contains(policy.update())) {
            throw GlueErrors.invalidInput("Invalid UpdateBehavior " + policy.update());
        }
        if (!List.of("LOG", "DELETE_FROM_DATABASE", "DEPRECATE_IN_DATABASE").contains(policy.delete())) {
            throw GlueErrors.invalidInput("Invalid DeleteBehavior " + policy.delete());
        }
        String behavior = recrawl.recrawlBehavior().orElse("CRAWL_EVERYTHING");
        if (!List.of("CRAWL_EVERYTHING", "CRAWL_NEW_FOLDERS_ONLY", "CRAWL_EVENT_MODE").contains(behavior)) {
            throw GlueErrors.invalidInput("Invalid RecrawlBehavior " + behavior);
        }
        if (recrawl.newFoldersOnly() && (!policy.update().equals("LOG") || !policy.delete().equals("LOG"))) {
            throw GlueErrors.invalidInput("The SchemaChangePolicy for Crawl New Folders Only Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value.");
        }
        CrawlerConfiguration.validate(configuration);
    }

    private static Optional<Schedule> schedule(Optional<String> expression)
    {
        return expression.filter(text -> !text.isBlank()).map(text -> new Schedule(AwsCron.parse(text).expression(), "SCHEDULED"));
    }

    Void create(RequestContext context, CrawlerRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "CreateCrawler", name);
        String role = request.role().filter(r -> !r.isBlank()).orElseThrow(() -> GlueErrors.invalidInput("Role is required"));
        this.role.authorizePass(context, role);
        SchemaChangePolicy policy = request.schemaChangePolicy().orElse(SchemaChangePolicy.DEFAULT);
        RecrawlPolicy recrawl = request.recrawlPolicy().orElse(new RecrawlPolicy(Optional.of("CRAWL_EVERYTHING")));
        validate(request.targets(), policy, recrawl, request.configuration());
        request.databaseName().ifPresent(database -> Catalog.name("Database", database));
        Optional<Schedule> schedule = schedule(request.schedule());
        String accountId = context.caller().accountId();
        Instant now = crawlers.now();
        glue.catalog().metadata().write(transaction -> {
            if (crawlers.crawler(transaction, accountId, name).isPresent()) {
                throw GlueErrors.ALREADY_EXISTS.exception(name + " already exists");
            }
            for (String classifier : request.classifiers().orElse(List.of())) {
                if (crawlers.classifier(transaction, accountId, classifier).isEmpty()) {
                    throw GlueErrors.notFound("Classifier " + classifier + " does not exist");
                }
            }
            crawlers.put(transaction, accountId, new Crawler(name, role, request.targets(), request.databaseName(), request.description(),
                    request.classifiers().orElse(List.of()), recrawl, policy, request.lineageConfiguration(), Crawler.READY, request.tablePrefix(), schedule,
                    0, now, now, Optional.empty(), 1, request.configuration(), request.crawlerSecurityConfiguration(), request.lakeFormationConfiguration()));
            return null;
        });
        return null;
    }

    Void update(RequestContext context, CrawlerRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "UpdateCrawler", name);
        request.role().filter(r -> !r.isBlank()).ifPresent(given -> role.authorizePass(context, given));
        String accountId = context.caller().accountId();
        Instant now = crawlers.now();
        glue.catalog().metadata().write(transaction -> {
            Crawler current = crawlers.requireCrawler(transaction, accountId, name);
            if (!current.state().equals(Crawler.READY)) {
                throw GlueErrors.CRAWLER_RUNNING.exception("Crawler with name " + name + " is running and cannot be updated");
            }
            CrawlerTargets targets = request.targets() != null ? request.targets() : current.targets();
            SchemaChangePolicy policy = request.schemaChangePolicy().orElse(current.schemaChangePolicy());
            RecrawlPolicy recrawl = request.recrawlPolicy().orElse(current.recrawlPolicy());
            Optional<String> configuration = request.configuration().or(current::configuration);
            validate(targets, policy, recrawl, configuration);
            Optional<Schedule> schedule = request.schedule().isPresent() ? schedule(request.schedule()) : current.schedule();
            crawlers.put(transaction, accountId, new Crawler(name, request.role().orElse(current.role()), targets, request.databaseName().or(current::databaseName),
                    request.description().or(current::description), request.classifiers().orElse(current.classifiers()), recrawl, policy,
                    request.lineageConfiguration().or(current::lineageConfiguration), current.state(), request.tablePrefix().or(current::tablePrefix), schedule,
                    current.crawlElapsedTime(), current.creationTime(), now, current.lastCrawl(), current.version() + 1, configuration,
                    request.crawlerSecurityConfiguration().or(current::crawlerSecurityConfiguration),
                    request.lakeFormationConfiguration().or(current::lakeFormationConfiguration)));
            return null;
        });
        return null;
    }

    GetCrawlerResponse get(RequestContext context, NameRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "GetCrawler", name);
        return new GetCrawlerResponse(glue.catalog().metadata().read(reader -> crawlers.requireCrawler(reader, context.caller().accountId(), name)));
    }

    private Paging.Page<Crawler> page(RequestContext context, PageRequest request)
    {
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        String accountId = context.caller().accountId();
        List<Crawler> found = glue.catalog().metadata().read(reader -> crawlers.crawlers(reader, accountId, after, limit + 1));
        return Paging.Page.of(found, limit, crawler -> Crawlers.crawlerId(accountId, crawler.name()));
    }

    GetCrawlersResponse getCrawlers(RequestContext context, PageRequest request)
    {
        glue.access().onAccount(context, "GetCrawlers");
        Paging.Page<Crawler> page = page(context, request);
        return new GetCrawlersResponse(page.items(), page.nextToken());
    }

    ListCrawlersResponse listCrawlers(RequestContext context, PageRequest request)
    {
        glue.access().onAccount(context, "ListCrawlers");
        Paging.Page<Crawler> page = page(context, request);
        return new ListCrawlersResponse(page.items().stream().map(Crawler::name).toList(), page.nextToken());
    }

    Void delete(RequestContext context, NameRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "DeleteCrawler", name);
        String accountId = context.caller().accountId();
        glue.catalog().metadata().write(transaction -> {
            Crawler crawler = crawlers.requireCrawler(transaction, accountId, name);
            if (!crawler.state().equals(Crawler.READY)) {
                throw GlueErrors.CRAWLER_RUNNING.exception("Crawler with name " + name + " is running and cannot be deleted");
            }
            crawlers.store().delete(transaction, GlueStore.CRAWLERS, Crawlers.crawlerId(accountId, name));
            crawlers.store().deleteAll(transaction, GlueStore.CRAWLS, Crawlers.crawlerId(accountId, name) + "/");
            return null;
        });
        return null;
    }

    Void start(RequestContext context, NameRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "StartCrawler", name);
        runner.start(context.caller().accountId(), name);
        return null;
    }

    Void stop(RequestContext context, NameRequest request)
    {
        String name = name(request.name());
        glue.access().onCrawler(context, "StopCrawler", name);
        runner.stop(context.caller().accountId(), name);
        return null;
    }

    MetricsResponse metrics(RequestContext context, MetricsRequest request)
    {
        glue.access().onAccount(context, "GetCrawlerMetrics");
        String accountId = context.caller().accountId();
        List<String> names = request.crawlerNameList().filter(list -> !list.isEmpty())
                .orElseGet(() -> glue.catalog().metadata().read(reader -> crawlers.crawlers(reader, accountId, Optional.empty(), 1000)).stream()
                        .map(Crawler::name).toList());
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        List<String> remaining = names.stream().filter(name -> after.map(marker -> name.compareTo(marker) > 0).orElse(true)).sorted().toList();
        Paging.Page<String> page = Paging.Page.of(remaining.stream().limit(limit + 1L).toList(), limit, value -> value);
        List<CrawlerMetrics> metrics = new ArrayList<>();
        glue.catalog().metadata().read(reader -> {
            for (String name : page.items()) {
                Optional<Crawler> crawler = crawlers.crawler(reader, accountId, name);
                if (crawler.isEmpty()) {
                    continue;
                }
                List<CrawlRecord> runs = crawlers.crawls(reader, accountId, name, Optional.empty(), 10_000);
                List<Double> runtimes = runs.stream().filter(run -> run.endTime().isPresent())
                        .map(run -> Crawlers.elapsedMillis(run.startTime(), run.endTime().get()) / 1000.0).sorted().toList();
                Optional<CrawlRecord> last = runs.stream().filter(run -> run.endTime().isPresent()).reduce((a, b) -> b);
                double lastRuntime = last.map(run -> Crawlers.elapsedMillis(run.startTime(), run.endTime().get()) / 1000.0).orElse(0.0);
                double median = runtimes.isEmpty() ? 0 : runtimes.get(runtimes.size() / 2);
                boolean running = !crawler.get().state().equals(Crawler.READY);
                double timeLeft = running ? Math.max(0, median - Crawlers.elapsedMillis(runs.get(runs.size() - 1).startTime(), crawlers.now()) / 1000.0) : 0;
                metrics.add(new CrawlerMetrics(name, timeLeft, running && runtimes.isEmpty(), lastRuntime, median,
                        last.map(CrawlRecord::tablesCreated).orElse(0), last.map(CrawlRecord::tablesUpdated).orElse(0),
                        last.map(CrawlRecord::tablesDeleted).orElse(0)));
            }
            return null;
        });
        return new MetricsResponse(metrics, page.nextToken());
    }

    ListCrawlsResponse listCrawls(RequestContext context, ListCrawlsRequest request)
    {
        String name = name(request.crawlerName());
        glue.access().onCrawler(context, "ListCrawls", name);
        String accountId = context.caller().accountId();
        int limit = Paging.limit(request.maxResults(), 20, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        List<CrawlsFilter> filters = request.filters().orElse(List.of());
        List<CrawlRecord> found = glue.catalog().metadata().read(reader -> {
            crawlers.requireCrawler(reader, accountId, name);
            return crawlers.crawls(reader, accountId, name, after.map(key -> Crawlers.crawlerId(accountId, name) + "/" + key), 10_000).stream()
                    .filter(crawl -> filters.stream().allMatch(filter -> matches(crawl, filter)))
                    .limit(limit + 1L)
                    .toList();
        });
        Paging.Page<CrawlRecord> page = Paging.Page.of(found, limit, Crawlers::crawlKey);
        List<CrawlerHistory> history = page.items().stream().map(crawl -> new CrawlerHistory(crawl.crawlId(), crawl.state(), crawl.startTime(),
                crawl.endTime(), summary(crawl), crawl.errorMessage(), Crawlers.LOG_GROUP, name, crawl.crawlId(), 0)).toList();
        return new ListCrawlsResponse(history, page.nextToken());
    }

    private static boolean matches(CrawlRecord crawl, CrawlsFilter filter)
    {
        String value = filter.fieldValue().orElse("");
        String operator = filter.filterOperator().orElse("EQ");
        return switch (filter.fieldName().orElse("")) {
            case "CRAWL_ID" -> compare(crawl.crawlId(), value, operator);
            case "STATE" -> compare(crawl.state(), value, operator);
            case "START_TIME" -> compareTime(crawl.startTime(), value, operator);
            case "END_TIME" -> crawl.endTime().map(end -> compareTime(end, value, operator)).orElse(false);
            default -> true;
        };
    }

    private static boolean compare(String actual, String expected, String operator)
    {
        int c = actual.compareTo(expected);
        return switch (operator) {
            case "NE" -> c != 0;
            case "GT" -> c > 0;
            case "GE" -> c >= 0;
            case "LT" -> c < 0;
            case "LE" -> c <= 0;
            default -> c == 0;
        };
    }

    private static boolean compareTime(Instant actual, String expected, String operator)
    {
        try {
            Instant other = expected.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochMilli((long) (Double.parseDouble(expected) * 1000)) : Instant.parse(expected);
            return compare(String.format("%020d", actual.toEpochMilli()), String.format("%020d", other.toEpochMilli()), operator);
        }
        catch (RuntimeException e) {
            throw GlueErrors.invalidInput("Invalid time " + expected);
        }
    }

    /** The summary Glue reports for a crawl: counts of table and partition changes, as JSON. */
    private static String summary(CrawlRecord crawl)
    {
        Map<String, Map<String, Map<String, Integer>>> summary = new LinkedHashMap<>();
        put(summary, "TABLE", "ADD", crawl.tablesCreated());
        put(summary, "TABLE", "UPDATE", crawl.tablesUpdated());
        put(summary, "TABLE", "DELETE", crawl.tablesDeleted());
        put(summary, "PARTITION", "ADD", crawl.partitionsCreated());
        put(summary, "PARTITION", "UPDATE", crawl.partitionsUpdated());
        put(summary, "PARTITION", "DELETE", crawl.partitionsDeleted());
        StringBuilder json = new StringBuilder("{");
        summary.forEach((kind, actions) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(kind).append("\":{");
            StringBuilder inner = new StringBuilder();
            actions.forEach((action, count) -> inner.append(inner.length() > 0 ? "," : "").append('"').append(action).append("\":{\"Count\":")
                    .append(count.get("Count")).append('}'));
            json.append(inner).append('}');
        });
        return json.append('}').toString();
    }

    private static void put(Map<String, Map<String, Map<String, Integer>>> summary, String kind, String action, int count)
    {
        if (count > 0) {
            summary.computeIfAbsent(kind, key -> new LinkedHashMap<>()).put(action, Map.of("Count", count));
        }
    }

    Void updateSchedule(RequestContext context, ScheduleRequest request)
    {
        String name = name(request.crawlerName());
        glue.access().onCrawler(context, "UpdateCrawlerSchedule", name);
        Optional<Schedule> schedule = schedule(request.schedule());
        String accountId = context.caller().accountId();
        glue.catalog().metadata().write(transaction -> {
            Crawler crawler = crawlers.requireCrawler(transaction, accountId, name);
            // a new expression keeps the schedule's state (a paused schedule stays paused)
            Optional<Schedule> kept = schedule.map(value -> new Schedule(value.scheduleExpression(),
                    crawler.schedule().map(Schedule::state).orElse(value.state())));
            crawlers.put(transaction, accountId, crawler.withSchedule(kept, crawlers.now()));
            return null;
        });
        return null;
    }

    Void setScheduleState(RequestContext context, ScheduleRequest request, boolean scheduled)
    {
        String name = name(request.crawlerName());
        glue.access().onCrawler(context, scheduled ? "StartCrawlerSchedule" : "StopCrawlerSchedule", name);
        String accountId = context.caller().accountId();
        glue.catalog().metadata().write(transaction -> {
            Crawler crawler = crawlers.requireCrawler(transaction, accountId, name);
            Schedule schedule = crawler.schedule().orElseThrow(() -> GlueErrors.invalidInput("Crawler " + name + " has no schedule"));
            if (scheduled && schedule.state().equals("SCHEDULED")) {
                throw GlueErrors.SCHEDULER_RUNNING.exception("Schedule of crawler " + name + " is already running");
            }
            if (!scheduled && !schedule.state().equals("SCHEDULED")) {
                throw GlueErrors.SCHEDULER_NOT_RUNNING.exception("Schedule of crawler " + name + " is not running");
            }
            crawlers.put(transaction, accountId, crawler.withSchedule(Optional.of(new Schedule(schedule.scheduleExpression(),
                    scheduled ? "SCHEDULED" : "NOT_SCHEDULED")), crawlers.now()));
            return null;
        });
        return null;
    }

}
