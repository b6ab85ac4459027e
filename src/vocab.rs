//! Closed vocabularies: every set of fixed words a spec, a dataset file or the command
//! line may use (event types, statuses, audiences, markings, section kinds, languages…).
//!
//! Each is declared once with `vocabulary!`, which gives the enum its spellings, its
//! list of values, parsing that ignores case and spaces, serialisation, command-line
//! parsing, and the [`Vocabulary`] trait through which every reader reports an unknown
//! word the same way: `unknown audience \`analist\`` with `did you mean \`analyst\`?`.

use crate::diag::suggestion;

/// A closed set of words, each standing for one value.
pub trait Vocabulary: Copy + Sized + 'static {
    /// What one of the words is, for messages ("section kind", "marking").
    const WHAT: &'static str;
    /// Every value, in vocabulary order.
    const ALL: &'static [Self];
    /// Every spelling, in vocabulary order.
    const NAMES: &'static [&'static str];

    /// The spelling used in files, specs, the command line and `/brief.json`.
    fn as_str(self) -> &'static str;

    /// Reads a spelling, ignoring case and spaces (`tlp: amber` is `TLP:AMBER`).
    fn parse(text: &str) -> Option<Self> {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(&squeezed))
    }

    /// The message and hint for a word that is not in the vocabulary.
    fn unknown(text: &str) -> (String, String) {
        (format!("unknown {} `{text}`", Self::WHAT), suggestion(text, Self::NAMES))
    }
}

/// Declares a vocabulary enum: `Name("what it is") { Variant = "spelling", … }`, with
/// [`Vocabulary`], inherent `ALL`, `NAMES`, `as_str` and `parse`, `Serialize`,
/// `Deserialize` (the same spellings), and `clap::ValueEnum` so that the command line
/// takes the same words.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident($what:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::vocab::Vocabulary for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [$name] = &[$($name::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl $name {
            /// Every value, in vocabulary order.
            pub const ALL: &'static [$name] = <$name as $crate::vocab::Vocabulary>::ALL;
            /// Every spelling, in vocabulary order.
            pub const NAMES: &'static [&'static str] =
                <$name as $crate::vocab::Vocabulary>::NAMES;

            /// The spelling used in files, specs, the command line and `/brief.json`.
            pub fn as_str(self) -> &'static str {
                <$name as $crate::vocab::Vocabulary>::as_str(self)
            }

            /// Reads a spelling, ignoring case and spaces.
            pub fn parse(text: &str) -> Option<Self> {
                <$name as $crate::vocab::Vocabulary>::parse(text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::parse(&text).ok_or_else(|| {
                    let (message, hint) = <$name as $crate::vocab::Vocabulary>::unknown(&text);
                    serde::de::Error::custom(format!("{message}: {hint}"))
                })
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Direction, EventType, Mode, PartnerKind, Status};
    use crate::locale::Language;
    use crate::spec::{Audience, Detail, Marking, OnEmpty, SectionKind};

    /// Every spelling reads back as its value, in any case and with spaces.
    fn round_trips<T: Vocabulary + PartialEq + std::fmt::Debug>() {
        assert_eq!(T::ALL.len(), T::NAMES.len(), "{}", T::WHAT);
        for (value, name) in T::ALL.iter().zip(T::NAMES) {
            assert_eq!(value.as_str(), *name);
            assert_eq!(T::parse(&format!(" {} ", name.to_uppercase())), Some(*value));
        }
        assert_eq!(T::parse("no such word"), None);
    }

    #[test]
    fn every_vocabulary_round_trips_its_spellings() {
        round_trips::<EventType>();
        round_trips::<Status>();
        round_trips::<Direction>();
        round_trips::<PartnerKind>();
        round_trips::<Mode>();
        round_trips::<Audience>();
        round_trips::<Marking>();
        round_trips::<SectionKind>();
        round_trips::<OnEmpty>();
        round_trips::<Detail>();
        round_trips::<Language>();
    }

    #[test]
    fn unknown_words_get_the_nearest_spelling_or_the_list() {
        assert_eq!(
            Audience::unknown("analist"),
            ("unknown audience `analist`".into(), "did you mean `analyst`?".into())
        );
        assert_eq!(Marking::parse("tlp: amber"), Some(Marking::Amber));
        assert_eq!(EventType::parse("working-group"), Some(EventType::WorkingGroup));
        let (_, hint) = Language::unknown("fr");
        assert_eq!(hint, "expected one of `en`, `id`");
    }
}
