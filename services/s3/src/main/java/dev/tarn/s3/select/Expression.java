package dev.tarn.s3.select;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A node of a parsed S3 Select expression. */
public sealed interface Expression
{
    /** A string, number, boolean, NULL or MISSING literal; {@code value} is a String, Long, BigDecimal, Boolean or empty. */
    record Literal(Kind kind, Optional<Object> value)
            implements Expression
    {
        public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL, MISSING }

        public Literal
        {
            requireNonNull(kind, "kind is null");
            requireNonNull(value, "value is null");
        }

        public static Literal string(String value)
        {
            return new Literal(Kind.STRING, Optional.of(value));
        }

        public static Literal integer(long value)
        {
            return new Literal(Kind.INTEGER, Optional.of(value));
        }

        public static Literal decimal(BigDecimal value)
        {
            return new Literal(Kind.DECIMAL, Optional.of(value));
        }
    }

    /** A reference into the record: {@code _1}, {@code name}, {@code s.a.b}, {@code s.arr[0]}; the steps as written. */
    record Path(List<Step> steps, Position position)
            implements Expression
    {
        public Path
        {
            steps = List.copyOf(steps);
            requireNonNull(position, "position is null");
        }
    }

    sealed interface Step {}

    /** A field name; a quoted name matches case-sensitively. */
    record Field(String name, boolean quoted)
            implements Step
    {
        public Field
        {
            requireNonNull(name, "name is null");
        }
    }

    /** An array index, counted from 0 as in S3 Select. */
    record Index(int index)
            implements Step {}

    /** {@code [*]} at the end of the FROM path: each element of the array there is a record. */
    record Each()
            implements Step {}

    /** {@code *} as the argument of COUNT. */
    record Star()
            implements Expression {}

    record Negate(Expression operand)
            implements Expression {}

    record Not(Expression operand)
            implements Expression {}

    /** Arithmetic ({@code + - * / %}), concatenation ({@code ||}), comparison ({@code = <> < > <= >=}) or AND / OR. */
    record Binary(String operator, Expression left, Expression right, Position position)
            implements Expression {}

    record Like(Expression value, Expression pattern, Optional<Expression> escape, boolean negated)
            implements Expression {}

    record Between(Expression value, Expression low, Expression high, boolean negated)
            implements Expression {}

    record In(Expression value, List<Expression> candidates, boolean negated)
            implements Expression
    {
        public In
        {
            candidates = List.copyOf(candidates);
        }
    }

    /** {@code IS [NOT] NULL | MISSING | TRUE | FALSE}. */
    record Is(Expression value, Test test, boolean negated)
            implements Expression
    {
        public enum Test { NULL, MISSING, TRUE, FALSE }
    }

    record Case(Optional<Expression> operand, List<When> whens, Optional<Expression> otherwise)
            implements Expression
    {
        public Case
        {
            whens = List.copyOf(whens);
        }
    }

    record When(Expression condition, Expression result) {}

    record Cast(Expression value, SqlType type, Position position)
            implements Expression {}

    /** A date part keyword as the first argument of DATE_ADD, DATE_DIFF and EXTRACT. */
    record DatePart(String part)
            implements Expression {}

    /** A function call; the name upper-cased. TRIM's LEADING/TRAILING/BOTH is in {@code trimSpec}. */
    record Call(String name, List<Expression> arguments, Optional<String> trimSpec, Position position)
            implements Expression
    {
        public Call
        {
            arguments = List.copyOf(arguments);
        }
    }

    /** Where in the expression text a node starts, 1-based as AWS reports it. */
    record Position(int line, int column) {}
}
