package dev.tarn.athena.engine;

import java.util.List;
import java.util.Optional;

/**
 * Receives a statement's result: first its columns, then its rows in order. Values are Athena's
 * text form of each value (what its result CSV holds); an empty Optional is SQL NULL.
 */
public interface ResultSink
{
    void columns(List<ResultColumn> columns);

    void row(List<Optional<String>> values);

    /** Forgets the columns and rows received so far: the statement gives its result again from the start. */
    void reset();
}
