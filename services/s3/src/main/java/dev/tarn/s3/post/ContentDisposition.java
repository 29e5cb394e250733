package dev.tarn.s3.post;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A multipart part's Content-Disposition: its type ({@code form-data}) and parameters (name, filename), quoted or not. */
record ContentDisposition(String type, Map<String, String> parameters)
{
    ContentDisposition
    {
        parameters = Map.copyOf(parameters);
    }

    static ContentDisposition parse(String value)
    {
        Map<String, String> parameters = new HashMap<>();
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        int i = semicolon < 0 ? value.length() : semicolon + 1;
        while (i < value.length()) {
            int equals = value.indexOf('=', i);
            int nextSemicolon = value.indexOf(';', i);
            if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
                i = nextSemicolon < 0 ? value.length() : nextSemicolon + 1;
                continue;
            }
            String name = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder parameter = new StringBuilder();
            int j = equals + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    // a backslash quotes the next character; browsers percent-encode '"' instead, which stays as sent
                    if (c == '\\' && j + 1 < value.length()) {
                        j++;
                        c = value.charAt(j);
                    }
                    parameter.append(c);
                    j++;
                }
                int end = value.indexOf(';', j);
                i = end < 0 ? value.length() : end + 1;
            }
            else {
                int end = value.indexOf(';', j);
                parameter.append(value, j, end < 0 ? value.length() : end);
                i = end < 0 ? value.length() : end + 1;
                parameter = new StringBuilder(parameter.toString().strip());
            }
            parameters.putIfAbsent(name, parameter.toString());
        }
        return new ContentDisposition(type, parameters);
    }

    Optional<String> parameter(String name)
    {
        return Optional.ofNullable(parameters.get(name));
    }
}
