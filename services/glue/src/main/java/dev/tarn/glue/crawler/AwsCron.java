package dev.tarn.glue.crawler;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tarn.glue.GlueErrors;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * AWS's schedule expressions, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}
 * in UTC, with Quartz's special characters ({@code ? L W #}); evaluated by cron-utils on a
 * definition of exactly those six fields.
 */
public final class AwsCron
{
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL().supportsQuestionMark().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);

    private final String expression;
    private final ExecutionTime executionTime;

    private AwsCron(String expression, ExecutionTime executionTime)
    {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /** Parses {@code cron(...)}; InvalidInputException when it is not a valid schedule. */
    public static AwsCron parse(String expression)
    {
        String text = expression.trim();
        if (!text.startsWith("cron(") || !text.endsWith(")")) {
            throw GlueErrors.invalidInput("Invalid schedule expression " + expression + ": use cron(Minutes Hours Day-of-month Month Day-of-week Year)");
        }
        try {
            Cron cron = PARSER.parse(text.substring(5, text.length() - 1).trim());
            return new AwsCron(text, ExecutionTime.forCron(cron));
        }
        catch (IllegalArgumentException e) {
            throw GlueErrors.invalidInput("Invalid schedule expression " + expression + ": " + e.getMessage());
        }
    }

    public String expression()
    {
        return expression;
    }

    /** The first time the schedule fires strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after)
    {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }
}
