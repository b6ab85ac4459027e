//! The scanner of a spec's Typst markup (`text`, `summary` and the other prose
//! bodies): how deep it nests, its syntax errors, and any call that would read a file.

use std::ops::Range;

use toml::Spanned;
use typst::syntax::{LinkedNode, SyntaxDiagnostic};

/// The deepest a `text` body's syntax tree may nest: far beyond any prose, well within
/// the stack of the walks below and of Typst's evaluator.
pub(super) const MAX_MARKUP_DEPTH: usize = 256;

/// How deep `root` nests, when deeper than [`MAX_MARKUP_DEPTH`]; measured without
/// recursion, so that the measure itself cannot overflow.
pub(super) fn too_deep(root: &typst::syntax::SyntaxNode) -> Option<usize> {
    let mut deepest = 0;
    let mut stack = vec![(root, 1)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children().map(|child| (child, depth + 1)));
    }
    (deepest > MAX_MARKUP_DEPTH).then_some(deepest)
}

/// Collects the syntax errors below `node`, each with its byte range in the parsed text.
pub(super) fn syntax_errors(
    node: LinkedNode<'_>,
    found: &mut Vec<(Range<usize>, SyntaxDiagnostic)>,
) {
    if node.kind().is_error() {
        let range = node.range();
        found.extend(node.get().errors_and_warnings().0.into_iter().map(|e| (range.clone(), e)));
    }
    for child in node.children() {
        syntax_errors(child, found);
    }
}

/// The functions through which Typst code reaches files (or evaluates text that could),
/// refused in a `text` body.
pub(super) const FILE_FUNCTIONS: [&str; 14] = [
    "read",
    "json",
    "csv",
    "yaml",
    "toml",
    "xml",
    "cbor",
    "image",
    "plugin",
    "bibliography",
    "cite",
    "pdf",
    "std",
    "eval",
];

/// Named arguments that load a file (`raw(theme: …)`, `raw(syntaxes: …)`).
pub(super) const FILE_ARGUMENTS: [&str; 2] = ["theme", "syntaxes"];

/// Collects every way `node`'s markup could reach a file: `#import` and `#include`, the
/// file-reading functions and the file-loading arguments, with each one's range.
pub(super) fn file_access(node: LinkedNode<'_>, found: &mut Vec<(Range<usize>, String)>) {
    use typst::syntax::SyntaxKind;
    match node.kind() {
        SyntaxKind::ModuleImport => found.push((node.range(), "`import`".into())),
        SyntaxKind::ModuleInclude => found.push((node.range(), "`include`".into())),
        // `..("theme": "x")` passes arguments no name check can see.
        SyntaxKind::Spread if node.parent_kind() == Some(SyntaxKind::Args) => {
            found.push((node.range(), "a spread argument `..`".into()));
        }
        SyntaxKind::Ident | SyntaxKind::MathIdent => {
            let name = node.get().leaf_text().as_str();
            let first = node.prev_sibling().is_none();
            // `(read: 1)` names a key and `x.read` a field: neither refers to the function.
            let named_argument = node.parent_kind() == Some(SyntaxKind::Named) && first;
            let field = node.parent_kind() == Some(SyntaxKind::FieldAccess) && !first;
            let variable = !named_argument && !field;
            if (variable && FILE_FUNCTIONS.contains(&name))
                || (named_argument && FILE_ARGUMENTS.contains(&name))
            {
                found.push((node.range(), format!("`{name}`")));
            }
        }
        _ => {}
    }
    for child in node.children() {
        file_access(child, found);
    }
}

/// The place in the spec's text of `within`, a range of a string value's characters.
/// Exact when the value is written without escapes; otherwise the whole value.
pub(super) fn place_in_string(
    text: &str,
    value: &Spanned<String>,
    within: Range<usize>,
) -> Range<usize> {
    let literal = text.get(value.span()).unwrap_or("");
    let quotes = if literal.starts_with("\"\"\"") || literal.starts_with("'''") { 3 } else { 1 };
    let opened = literal.get(quotes..).unwrap_or("");
    // TOML drops a newline right after a multi-line string's opening quotes.
    let skipped = match opened {
        _ if quotes == 1 => 0,
        o if o.starts_with("\r\n") => 2,
        o if o.starts_with('\n') => 1,
        _ => 0,
    };
    let start = value.span().start + quotes + skipped;
    let raw = text.get(start..value.span().end.saturating_sub(quotes)).unwrap_or("");
    if raw != value.get_ref() {
        return value.span();
    }
    // An empty range (Typst's "expected …") is widened to the character it stands on,
    // so that the caret shows.
    let end = match raw.get(within.start..).and_then(|rest| rest.chars().next()) {
        Some(c) if within.end <= within.start => within.start + c.len_utf8(),
        _ => within.end,
    };
    start + within.start..start + end
}
