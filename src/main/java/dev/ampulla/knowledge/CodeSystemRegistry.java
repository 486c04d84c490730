package dev.ampulla.knowledge;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which system URIs name the same code system ({@code knowledge/code-systems.csv} and
 * {@code knowledge/code-system-uris.csv}): the one place that knows that {@code urn:oid:2.16.840.1.113883.6.96} is
 * SNOMED CT and that ICD-10-GM carries the ICD-10 codes. Besides the spellings listed, a URI is recognised when it
 * differs from a listed one only by {@code http}/{@code https}, a leading {@code www.}, letter case or trailing
 * slashes.
 */
public final class CodeSystemRegistry {
    static final List<String> IDENTITY_COLUMNS = List.of("identity", "canonical", "label", "codes", "source");
    static final List<String> URI_COLUMNS = List.of("identity", "uri", "form", "label", "source", "verified");
    static final Set<String> FORMS = Set.of("canonical", "oid", "edition", "variant");
    static final Set<String> VERIFIED = Set.of("yes", "single-source", "no", "local");

    private static final Map<String, CodeSystemIdentity> IDENTITIES = new LinkedHashMap<>();
    private static final Map<String, CodeSystemSpelling> EXACT = new HashMap<>();
    private static final Map<String, CodeSystemSpelling> LOOSE = new HashMap<>();

    static {
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("code-systems.csv", IDENTITY_COLUMNS)) {
            String id = row.required("identity");
            CodeComparison comparison;
            try {
                comparison = CodeComparison.parse(row.required("codes"));
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            row.required("source");
            if (IDENTITIES.put(
                            id,
                            new CodeSystemIdentity(
                                    IDENTITIES.size(),
                                    id,
                                    row.required("canonical"),
                                    row.required("label"),
                                    comparison))
                    != null) {
                throw row.error("repeats the identity '" + id + "'");
            }
        }
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("code-system-uris.csv", URI_COLUMNS)) {
            CodeSystemIdentity identity = IDENTITIES.get(row.required("identity"));
            if (identity == null) {
                throw row.error("names the unknown identity '" + row.get("identity") + "'");
            }
            if (!FORMS.contains(row.required("form"))) {
                throw row.error("has the form '" + row.get("form") + "'; expected one of " + FORMS);
            }
            if (!VERIFIED.contains(row.required("verified"))) {
                throw row.error("has verified '" + row.get("verified") + "'; expected one of " + VERIFIED);
            }
            row.required("source");
            String label = row.get("label").isBlank() ? identity.label() : row.get("label");
            CodeSystemSpelling spelling = new CodeSystemSpelling(row.required("uri"), identity, label);
            if (EXACT.put(spelling.uri(), spelling) != null) {
                throw row.error("repeats the URI " + spelling.uri());
            }
            CodeSystemSpelling other = LOOSE.put(looseKey(spelling.uri()), spelling);
            if (other != null && !other.identity().equals(identity)) {
                throw row.error("spells " + spelling.uri() + " like " + other.uri() + " of another identity");
            }
        }
        for (CodeSystemIdentity identity : IDENTITIES.values()) {
            CodeSystemSpelling canonical = EXACT.get(identity.canonicalUri());
            if (canonical == null || !canonical.identity().equals(identity)) {
                throw new IllegalStateException("knowledge/code-system-uris.csv does not list the canonical URI "
                        + identity.canonicalUri() + " of " + identity.id());
            }
        }
    }

    private CodeSystemRegistry() {}

    /** The last URI looked up and what it names: the extraction asks about one coding's system many times in a row. */
    private record LastLookup(String uri, CodeSystemSpelling spelling) {}

    private static LastLookup last = new LastLookup(null, null);

    /** The very same String object: the cheap test of the last-lookup cache, whose misses go to the maps. */
    @SuppressWarnings("ReferenceEquality") // identity, not equality, is the cache's hit test
    private static boolean isSameString(String a, String b) {
        return a == b;
    }

    /** What a system URI names, or null when it is no code system Ampulla knows. */
    public static CodeSystemSpelling spelling(String uri) {
        if (uri == null) {
            return null;
        }
        LastLookup previous = last; // an immutable pair: a racing thread sees an older one, never a torn one
        if (isSameString(previous.uri, uri)) {
            return previous.spelling;
        }
        CodeSystemSpelling exact = EXACT.get(uri);
        CodeSystemSpelling found = exact != null ? exact : LOOSE.get(looseKey(uri));
        last = new LastLookup(uri, found);
        return found;
    }

    /** The identity a system URI names, or null. */
    public static CodeSystemIdentity identify(String uri) {
        CodeSystemSpelling s = spelling(uri);
        return s == null ? null : s.identity();
    }

    /** True when the URI names the code system with this identity id. */
    public static boolean is(String uri, String identityId) {
        CodeSystemIdentity identity = identify(uri);
        return identity != null && identity.id().equals(identityId);
    }

    /** The identity with this id; fails for an id no knowledge file defines. */
    public static CodeSystemIdentity identity(String id) {
        CodeSystemIdentity identity = IDENTITIES.get(id);
        if (identity == null) {
            throw new IllegalArgumentException("no code system identity '" + id + "'");
        }
        return identity;
    }

    /** How many identities there are: every {@link CodeSystemIdentity#index()} is below it. */
    public static int count() {
        return IDENTITIES.size();
    }

    private static String looseKey(String uri) {
        String u = uri.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("https://")) {
            u = u.substring(8);
        } else if (u.startsWith("http://")) {
            u = u.substring(7);
        }
        if (u.startsWith("www.")) {
            u = u.substring(4);
        }
        int end = u.length();
        while (end > 0 && u.charAt(end - 1) == '/') {
            end--;
        }
        return u.substring(0, end);
    }
}
