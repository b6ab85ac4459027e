//! The closed vocabularies of the dataset: event types, statuses, directions, partner
//! kinds, partner roles and meeting modes. Each is an enum with its spelling in files and specs.

use crate::vocab::vocabulary;

vocabulary! {
    /// What kind of engagement an event is.
    EventType("event type") {
        /// A memorandum of understanding signed or extended.
        Mou = "mou",
        /// Another formal agreement: a protocol, a joint statement, a ratification.
        Agreement = "agreement",
        /// A meeting of a standing joint working group.
        WorkingGroup = "working-group",
        /// A bilateral consultation round.
        Consultation = "consultation",
        /// A bilateral meeting.
        Meeting = "meeting",
        /// A courtesy call, usually by an ambassador.
        CourtesyCall = "courtesy-call",
        /// A working or study visit.
        Visit = "visit",
        /// A multilateral conference or regional meeting.
        Conference = "conference",
        /// A workshop, exercise or training.
        Training = "training",
        /// A seminar.
        Seminar = "seminar",
        /// A framework or plan adopted.
        Framework = "framework",
        /// A programme joined, launched or reaching a milestone.
        Programme = "programme",
    }
}

impl EventType {
    /// Whether an event of this type is an agreement with a term: an MoU, another
    /// agreement or a framework (`term_ends`, `renews`).
    pub fn has_term(self) -> bool {
        matches!(self, EventType::Mou | EventType::Agreement | EventType::Framework)
    }
}

vocabulary! {
    /// Whether an event took place or is announced.
    Status("status") {
        /// Reported as having taken place.
        Held = "held",
        /// Announced for a date still to come.
        Planned = "planned",
        /// Announced for a date that has passed, with no report that it took place:
        /// derived on a brief's date, never written in data.
        Unconfirmed = "unconfirmed",
    }
}

vocabulary! {
    /// Who travelled, seen from BNPT.
    Direction("direction") {
        /// A foreign delegation came to Indonesia or BNPT.
        Incoming = "incoming",
        /// A BNPT delegation went abroad.
        Outgoing = "outgoing",
        /// A multilateral setting.
        Multilateral = "multilateral",
    }
}

vocabulary! {
    /// What sort of body a partner is.
    PartnerKind("partner kind") {
        /// A state, represented by its government and agencies.
        Country = "country",
        /// An international organisation, such as a UN office.
        Organisation = "organisation",
        /// A regional body, such as ASEAN.
        RegionalBody = "regional-body",
    }
}

vocabulary! {
    /// What part a partner plays in an event. Counts, charts and partner filters use
    /// counterparts unless asked for another role.
    Role("partner role") {
        /// BNPT's counterpart: the party it engaged with.
        Counterpart = "counterpart",
        /// The state or body that hosted a meeting organised by others.
        Host = "host",
        /// A party invited to a meeting of others.
        Invitee = "invitee",
        /// A party that attended as an observer.
        Observer = "observer",
        /// A state or body the engagement was about, not with.
        Subject = "subject",
    }
}

vocabulary! {
    /// How people met.
    Mode("meeting mode") {
        /// Everyone in one room.
        InPerson = "in-person",
        /// Some in the room, some online.
        Hybrid = "hybrid",
        /// Online only.
        Virtual = "virtual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_in_any_case() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(&t.as_str().to_uppercase()), Some(*t));
        }
        assert_eq!(EventType::parse(" working-group "), Some(EventType::WorkingGroup));
        assert_eq!(EventType::parse("jwg"), None);
        assert_eq!(Status::NAMES, ["held", "planned", "unconfirmed"]);
    }
}
