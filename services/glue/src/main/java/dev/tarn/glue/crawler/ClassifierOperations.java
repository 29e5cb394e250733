package dev.tarn.glue.crawler;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.glue.GlueContext;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Paging;
import dev.tarn.glue.model.Classifier;
import dev.tarn.glue.model.Classifier.CsvClassifier;
import dev.tarn.glue.model.Classifier.GrokClassifier;
import dev.tarn.glue.model.Classifier.JsonClassifier;
import dev.tarn.glue.model.Classifier.XmlClassifier;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.MetadataTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Custom classifiers (CSV, JSON path, Grok, XML): Create, Get, GetClassifiers, Update, Delete.
 * Crawls apply CSV and JSON classifiers before the built-in ones; Grok and XML classifiers are
 * kept and returned but not applied.
 */
public final class ClassifierOperations
{
    private final GlueContext glue;
    private final Crawlers crawlers;

    public ClassifierOperations(GlueContext glue, Crawlers crawlers)
    {
        this.glue = requireNonNull(glue, "glue is null");
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
    }

    public record ClassifierRequest(Optional<GrokClassifier> grokClassifier, @JsonProperty("XMLClassifier") Optional<XmlClassifier> xmlClassifier,
            Optional<JsonClassifier> jsonClassifier, Optional<CsvClassifier> csvClassifier) {}

    public record NameRequest(String name) {}

    public record GetClassifierResponse(Classifier classifier) {}

    public record PageRequest(Optional<Integer> maxResults, Optional<String> nextToken) {}

    public record GetClassifiersResponse(List<Classifier> classifiers, Optional<String> nextToken) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateClassifier", ClassifierRequest.class, (c, r) -> write(c, r, true)));
        registry.operation(new ActionOperation<>("UpdateClassifier", ClassifierRequest.class, (c, r) -> write(c, r, false)));
        registry.operation(new ActionOperation<>("GetClassifier", NameRequest.class, this::get));
        registry.operation(new ActionOperation<>("GetClassifiers", PageRequest.class, this::list));
        registry.operation(new ActionOperation<>("DeleteClassifier", NameRequest.class, this::delete));
    }

    Void write(RequestContext context, ClassifierRequest request, boolean create)
    {
        glue.access().onAccount(context, create ? "CreateClassifier" : "UpdateClassifier");
        int given = (request.grokClassifier().isPresent() ? 1 : 0) + (request.xmlClassifier().isPresent() ? 1 : 0)
                + (request.jsonClassifier().isPresent() ? 1 : 0) + (request.csvClassifier().isPresent() ? 1 : 0);
        if (given != 1) {
            throw GlueErrors.invalidInput("Exactly one classifier must be given");
        }
        String accountId = context.caller().accountId();
        Instant now = crawlers.now();
        glue.catalog().metadata().write(transaction -> {
            String name = request.csvClassifier().map(CsvClassifier::name).or(() -> request.jsonClassifier().map(JsonClassifier::name))
                    .or(() -> request.grokClassifier().map(GrokClassifier::name)).or(() -> request.xmlClassifier().map(XmlClassifier::name))
                    .filter(n -> !n.isBlank()).orElseThrow(() -> GlueErrors.invalidInput("Classifier name is required"));
            Optional<Classifier> current = crawlers.classifier(transaction, accountId, name);
            if (create && current.isPresent()) {
                throw GlueErrors.ALREADY_EXISTS.exception("Classifier " + name + " already exists");
            }
            if (!create && current.isEmpty()) {
                throw GlueErrors.notFound("Classifier " + name + " does not exist");
            }
            Instant created = current.flatMap(ClassifierOperations::creationTime).orElse(now);
            long version = current.map(ClassifierOperations::version).orElse(0L) + 1;
            Classifier stored = new Classifier(
                    request.grokClassifier().map(g -> new GrokClassifier(name, required(g.classification(), "Classification"), Optional.of(created), Optional.of(now),
                            version, required(g.grokPattern(), "GrokPattern"), g.customPatterns())),
                    request.xmlClassifier().map(x -> new XmlClassifier(name, required(x.classification(), "Classification"), Optional.of(created), Optional.of(now),
                            version, x.rowTag())),
                    request.jsonClassifier().map(j -> new JsonClassifier(name, Optional.of(created), Optional.of(now), version,
                            validJsonPath(required(j.jsonPath(), "JsonPath")))),
                    request.csvClassifier().map(c -> new CsvClassifier(name, Optional.of(created), Optional.of(now), version, validSymbol(c.delimiter(), "Delimiter"),
                            validSymbol(c.quoteSymbol(), "QuoteSymbol"), validHeaderOption(c.containsHeader()), c.header(), c.disableValueTrimming(),
                            c.allowSingleColumn(), c.customDatatypeConfigured(), c.customDatatypes(), c.serde())));
            put(transaction, accountId, stored);
            return null;
        });
        return null;
    }

    private static <T> T required(T value, String member)
    {
        if (value == null) {
            throw GlueErrors.invalidInput(member + " is required");
        }
        return value;
    }

    private static String validJsonPath(String path)
    {
        if (!path.trim().startsWith("$")) {
            throw GlueErrors.invalidInput("JsonPath must start with $");
        }
        return path;
    }

    private static Optional<String> validSymbol(Optional<String> symbol, String member)
    {
        symbol.ifPresent(value -> {
            if (value.length() != 1) {
                throw GlueErrors.invalidInput(member + " must be a single character");
            }
        });
        return symbol;
    }

    private static Optional<String> validHeaderOption(Optional<String> option)
    {
        option.ifPresent(value -> {
            if (!List.of("UNKNOWN", "PRESENT", "ABSENT").contains(value)) {
                throw GlueErrors.invalidInput("ContainsHeader must be UNKNOWN, PRESENT or ABSENT");
            }
        });
        return option;
    }

    private static Optional<Instant> creationTime(Classifier classifier)
    {
        return field(classifier, CsvClassifier::creationTime, JsonClassifier::creationTime, GrokClassifier::creationTime, XmlClassifier::creationTime);
    }

    private static long version(Classifier classifier)
    {
        return field(classifier, c -> c.version(), j -> j.version(), g -> g.version(), x -> x.version());
    }

    private static <T> T field(Classifier classifier, Function<CsvClassifier, T> csv, Function<JsonClassifier, T> json, Function<GrokClassifier, T> grok,
            Function<XmlClassifier, T> xml)
    {
        return classifier.csvClassifier().map(csv).or(() -> classifier.jsonClassifier().map(json)).or(() -> classifier.grokClassifier().map(grok))
                .orElseGet(() -> classifier.xmlClassifier().map(xml).orElseThrow());
    }

    private void put(MetadataTransaction transaction, String accountId, Classifier classifier)
    {
        crawlers.store().put(transaction, GlueStore.CLASSIFIERS, Crawlers.crawlerId(accountId, classifier.name()), classifier);
    }

    GetClassifierResponse get(RequestContext context, NameRequest request)
    {
        glue.access().onAccount(context, "GetClassifier");
        String name = required(request.name(), "Name");
        return new GetClassifierResponse(glue.catalog().metadata().read(reader -> crawlers.classifier(reader, context.caller().accountId(), name))
                .orElseThrow(() -> GlueErrors.notFound("Classifier " + name + " does not exist")));
    }

    GetClassifiersResponse list(RequestContext context, PageRequest request)
    {
        glue.access().onAccount(context, "GetClassifiers");
        String accountId = context.caller().accountId();
        int limit = Paging.limit(request.maxResults(), 100, 1000);
        Optional<String> after = Paging.after(request.nextToken());
        List<Classifier> found = glue.catalog().metadata().read(reader ->
                crawlers.store().list(reader, GlueStore.CLASSIFIERS, accountId + "/", after, limit + 1, Classifier.class));
        Paging.Page<Classifier> page = Paging.Page.of(found, limit, classifier -> Crawlers.crawlerId(accountId, classifier.name()));
        return new GetClassifiersResponse(page.items(), page.nextToken());
    }

    Void delete(RequestContext context, NameRequest request)
    {
        glue.access().onAccount(context, "DeleteClassifier");
        String name = required(request.name(), "Name");
        glue.catalog().metadata().write(transaction -> {
            if (!crawlers.store().delete(transaction, GlueStore.CLASSIFIERS, Crawlers.crawlerId(context.caller().accountId(), name))) {
                throw GlueErrors.notFound("Classifier " + name + " does not exist");
            }
            return null;
        });
        return null;
    }
}
