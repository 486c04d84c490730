package dev.ampulla.extraction;

import java.util.Date;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Type;

/** Reads effective times and their display text from resources. */
final class FactTimes {
    private FactTimes() {}

    static FactTime of(Observation o) {
        return new FactTime(millis(o.getEffective()), millis(o.getIssued()), lastUpdated(o));
    }

    static String display(Observation o) {
        return display(o.getEffective());
    }

    /** A Condition's time: its onset; else the asserted date (registry and EOM records); else when recorded. */
    static FactTime of(Condition c) {
        long when = millis(c.getOnset());
        if (when == FactTime.ABSENT) {
            when = millis(assertedDate(c));
        }
        if (when == FactTime.ABSENT) {
            when = millis(c.getRecordedDate());
        }
        return new FactTime(when, FactTime.ABSENT, lastUpdated(c));
    }

    /** When a cancer was diagnosed: its onset, else its asserted date; never the date it was entered. */
    static FactTime diagnosed(Condition c) {
        long when = millis(c.getOnset());
        if (when == FactTime.ABSENT) {
            when = millis(assertedDate(c));
        }
        return new FactTime(when, FactTime.ABSENT, FactTime.ABSENT);
    }

    static String display(Condition c) {
        String onset = display(c.getOnset());
        if (onset == null) {
            onset = display(assertedDate(c));
        }
        return onset != null ? onset : c.getRecordedDateElement().getValueAsString();
    }

    private static Type assertedDate(Condition c) {
        if (!c.hasExtension()) {
            return null;
        }
        for (org.hl7.fhir.r4.model.Extension e : c.getExtension()) {
            if (ASSERTED_DATE.equals(e.getUrl()) && e.getValue() instanceof BaseDateTimeType) {
                return e.getValue();
            }
        }
        return null;
    }

    private static final String ASSERTED_DATE = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    /** The time of a record with no date of its own (a clinical status): when it was last updated, if known. */
    static FactTime updated(DomainResource r) {
        return new FactTime(FactTime.ABSENT, FactTime.ABSENT, lastUpdated(r));
    }

    static FactTime of(Procedure p) {
        return new FactTime(millis(p.getPerformed()), FactTime.ABSENT, lastUpdated(p));
    }

    static String display(Procedure p) {
        return display(p.getPerformed());
    }

    /** A medication record's time: its effective (or authored) date or period start. */
    static FactTime of(Type when, DomainResource r) {
        return new FactTime(millis(when), FactTime.ABSENT, lastUpdated(r));
    }

    /** When a period ended; absent for a date or an open period. */
    static long end(Type when) {
        return when instanceof Period p && p.hasEnd() ? millis(p.getEnd()) : FactTime.ABSENT;
    }

    private static long lastUpdated(DomainResource r) {
        return r.hasMeta() ? millis(r.getMeta().getLastUpdated()) : FactTime.ABSENT;
    }

    private static long millis(Date d) {
        return d == null ? FactTime.ABSENT : d.toInstant().toEpochMilli();
    }

    private static long millis(Type t) {
        if (t instanceof BaseDateTimeType dt) {
            return millis(dt.getValue());
        }
        if (t instanceof Period p) {
            return p.hasStart() ? millis(p.getStart()) : millis(p.getEnd());
        }
        return FactTime.ABSENT;
    }

    static String display(Type t) {
        if (t instanceof BaseDateTimeType dt) {
            return dt.getValueAsString();
        }
        if (t instanceof Period p) {
            String start = p.getStartElement().getValueAsString();
            String end = p.getEndElement().getValueAsString();
            return start == null ? end : (end == null ? start : start + " to " + end);
        }
        return null;
    }
}
