//! The syntax of group names and representation expressions.
//!
//! This module is pure syntax: it turns strings such as `C2xS3` or `2x V^2 + sym2(V)` into
//! small abstract syntax trees ([`GroupExpr`], [`RepExpr`]) and prints them back, without any
//! group theory. Whether `sign` exists for a group, whether `1o` is an irrep of it, or whether
//! `[3,1]` is a partition of the right size is decided later, by the code that evaluates the
//! tree against a concrete group.
//!
//! Both trees print in a canonical form that parses back to the same tree
//! (`parse(&e.to_string()) == Ok(e)`), in the e3nn habit of small descriptors that parse and
//! print. Every syntax error is an [`Error::Parse`] whose `position` is the byte offset of the
//! offending character (or the input's length when the input ended too early); no input,
//! however malformed, long, deeply nested or non-ASCII, makes the parsers panic.
//!
//! # Group names
//!
//! ```text
//! group  := factor ('x' factor)*          whitespace allowed around 'x' and at both ends
//! factor := 'S' N | 'A' N | 'C' N | 'D' N  N ≥ 1 (decimal, must fit in usize)
//!         | 'Q8' | 'T' | 'O' | 'I' | 'Td' | 'Oh' | 'Ih'
//!         | 'SO2' | 'O2' | 'SO3' | 'O3'
//! ```
//!
//! Names are case-sensitive. `Dn` is the dihedral group of order `2n` (`D4` is the symmetry
//! group of the square). A product of two or more factors is a flat
//! [`GroupExpr::Product`].
//!
//! # Representation expressions
//!
//! See [`parse_rep`] for the grammar, the irrep labels and the rules that resolve its
//! ambiguities.

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// Deepest nesting of parentheses (grouping, `sym`/`alt`/`dual` arguments, product labels)
/// that [`parse_rep`] accepts; deeper input is refused with a parse error instead of
/// exhausting the stack (at this depth the parser needs about 110 KiB of stack in a release
/// build and 700 KiB in a debug build).
pub const MAX_NESTING: usize = 64;

/// A group name, as written on the command line (`S5`, `D4`, `SO3`, `C2xS3`, …).
///
/// Produced by [`parse_group`]; [`Display`](fmt::Display) prints the canonical name, which
/// parses back to the same value. A well-formed value has `n ≥ 1` in the families and a
/// [`Product`](GroupExpr::Product) of at least two factors, none of which is itself a product.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupExpr {
    /// `Sn`: the symmetric group on `n` points, order `n!`.
    Symmetric(usize),
    /// `An`: the alternating group on `n` points, order `n!/2` (`n ≥ 2`).
    Alternating(usize),
    /// `Cn`: the cyclic group of order `n`.
    Cyclic(usize),
    /// `Dn`: the dihedral group of order `2n` (symmetries of the regular `n`-gon).
    Dihedral(usize),
    /// `Q8`: the quaternion group of order 8.
    Quaternion,
    /// `T`: the rotation group of the tetrahedron (order 12).
    Tetrahedral,
    /// `O`: the rotation group of the cube / octahedron (order 24).
    Octahedral,
    /// `I`: the rotation group of the icosahedron (order 60).
    Icosahedral,
    /// `Td`: the full symmetry group of the tetrahedron (order 24).
    FullTetrahedral,
    /// `Oh`: the full symmetry group of the cube / octahedron (order 48).
    FullOctahedral,
    /// `Ih`: the full symmetry group of the icosahedron (order 120).
    FullIcosahedral,
    /// `SO2`: rotations of the plane.
    SO2,
    /// `O2`: rotations and reflections of the plane.
    O2,
    /// `SO3`: rotations of space.
    SO3,
    /// `O3`: rotations and reflections of space.
    O3,
    /// `G x H x …`: a direct product, flattened, with at least two factors.
    Product(Vec<GroupExpr>),
}

impl GroupExpr {
    /// The canonical name (`S5`, `Td`, `C2xS3`), the same as the [`Display`](fmt::Display)
    /// output.
    ///
    /// ```
    /// use equivariant::io::expr::{GroupExpr, parse_group};
    /// assert_eq!(parse_group("C2 x S3").unwrap().name(), "C2xS3");
    /// assert_eq!(GroupExpr::FullOctahedral.name(), "Oh");
    /// ```
    pub fn name(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for GroupExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupExpr::Symmetric(n) => write!(f, "S{n}"),
            GroupExpr::Alternating(n) => write!(f, "A{n}"),
            GroupExpr::Cyclic(n) => write!(f, "C{n}"),
            GroupExpr::Dihedral(n) => write!(f, "D{n}"),
            GroupExpr::Quaternion => f.write_str("Q8"),
            GroupExpr::Tetrahedral => f.write_str("T"),
            GroupExpr::Octahedral => f.write_str("O"),
            GroupExpr::Icosahedral => f.write_str("I"),
            GroupExpr::FullTetrahedral => f.write_str("Td"),
            GroupExpr::FullOctahedral => f.write_str("Oh"),
            GroupExpr::FullIcosahedral => f.write_str("Ih"),
            GroupExpr::SO2 => f.write_str("SO2"),
            GroupExpr::O2 => f.write_str("O2"),
            GroupExpr::SO3 => f.write_str("SO3"),
            GroupExpr::O3 => f.write_str("O3"),
            GroupExpr::Product(factors) => {
                for (i, factor) in factors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("x")?;
                    }
                    write!(f, "{factor}")?;
                }
                Ok(())
            }
        }
    }
}

impl FromStr for GroupExpr {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_group(s)
    }
}

/// A representation expression (`2x V^2 + sym2(V)`, `16x0e+8x1o`, `[3,1,1] + 2x[2,2,1]`).
///
/// Produced by [`parse_rep`]; [`Display`](fmt::Display) prints a canonical form that parses
/// back to the same value, with the parentheses the grammar needs. Parentheses used only for
/// grouping leave no node of their own: `(V)` parses to [`RepExpr::V`], and `(V + V) + V`
/// keeps its nested [`Sum`](RepExpr::Sum).
///
/// A well-formed value has at least two items in every [`Sum`](RepExpr::Sum) and
/// [`Tensor`](RepExpr::Tensor), counts, exponents and degrees `≥ 1`, and irrep labels in the
/// normalised form described in [`parse_rep`]; only well-formed values are guaranteed to
/// print as re-parsable text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RepExpr {
    /// `triv`: the trivial representation.
    Triv,
    /// `sign`: the sign (parity) representation of `S_n`, `det V` for groups with reflections.
    Sign,
    /// `V`: the group's defining representation.
    V,
    /// `reg`: the regular representation of a finite group.
    Reg,
    /// An irrep by its label, normalised (`2`, `1o`, `0+`, `[3,1,1]`, `X.2`, `(0e,[2,1])`).
    Irrep(String),
    /// `a + b + …`: a direct sum of at least two summands.
    Sum(Vec<RepExpr>),
    /// `n x a`: `n ≥ 1` copies of `a`.
    Multiple(u64, Box<RepExpr>),
    /// `a * b * …`: a tensor product of at least two factors.
    Tensor(Vec<RepExpr>),
    /// `a^k`: the `k`-th tensor power, `k ≥ 1`.
    Power(Box<RepExpr>, u32),
    /// `symk(a)`: the `k`-th symmetric power, `k ≥ 1`.
    Sym(u32, Box<RepExpr>),
    /// `altk(a)`: the `k`-th exterior power, `k ≥ 1`.
    Alt(u32, Box<RepExpr>),
    /// `dual(a)`: the dual (contragredient) representation.
    Dual(Box<RepExpr>),
}

impl RepExpr {
    /// Binding strength when printed: 0 sum, 1 multiple, 2 tensor, 3 power, 4 atom.
    fn precedence(&self) -> u8 {
        match self {
            // A one-item sum or product (not well-formed) prints as its item.
            RepExpr::Sum(items) => match items.as_slice() {
                [one] => one.precedence(),
                _ => 0,
            },
            RepExpr::Multiple(..) => 1,
            RepExpr::Tensor(items) => match items.as_slice() {
                [one] => one.precedence(),
                _ => 2,
            },
            RepExpr::Power(..) => 3,
            _ => 4,
        }
    }

    /// Prints `self`, in parentheses when it binds more loosely than `min`.
    fn fmt_at(&self, f: &mut fmt::Formatter<'_>, min: u8) -> fmt::Result {
        if self.precedence() < min {
            write!(f, "({self})")
        } else {
            write!(f, "{self}")
        }
    }
}

impl fmt::Display for RepExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RepExpr::Triv => f.write_str("triv"),
            RepExpr::Sign => f.write_str("sign"),
            RepExpr::V => f.write_str("V"),
            RepExpr::Reg => f.write_str("reg"),
            RepExpr::Irrep(label) => f.write_str(label),
            RepExpr::Sum(items) | RepExpr::Tensor(items) if items.is_empty() => {
                // Not well-formed: there is no empty sum or product in the grammar.
                f.write_str("()")
            }
            RepExpr::Sum(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" + ")?;
                    }
                    item.fmt_at(f, 1)?;
                }
                Ok(())
            }
            RepExpr::Multiple(n, inner) => {
                write!(f, "{n}x")?;
                // e3nn style `16x0e` for numeric labels, `2x V^2` otherwise.
                let tight = match &**inner {
                    RepExpr::Irrep(label) => label.starts_with(|c: char| c.is_ascii_digit()),
                    _ => false,
                };
                if !tight {
                    f.write_str(" ")?;
                }
                inner.fmt_at(f, 2)
            }
            RepExpr::Tensor(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" * ")?;
                    }
                    item.fmt_at(f, 3)?;
                }
                Ok(())
            }
            RepExpr::Power(base, k) => {
                base.fmt_at(f, 4)?;
                write!(f, "^{k}")
            }
            RepExpr::Sym(k, inner) => write!(f, "sym{k}({inner})"),
            RepExpr::Alt(k, inner) => write!(f, "alt{k}({inner})"),
            RepExpr::Dual(inner) => write!(f, "dual({inner})"),
        }
    }
}

impl FromStr for RepExpr {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_rep(s)
    }
}

/// Parses a group name: `S5`, `A5`, `C6`, `D4`, `Q8`, `T`, `O`, `I`, `Td`, `Oh`, `Ih`, `SO2`,
/// `O2`, `SO3`, `O3`, and direct products such as `C2xS3` or `C2 x S3 x D4`.
///
/// Grammar (case-sensitive; whitespace allowed around `x` and at both ends):
///
/// ```text
/// group  := factor ('x' factor)*
/// factor := 'S' N | 'A' N | 'C' N | 'D' N        N ≥ 1, decimal, fits in usize
///         | 'Q8' | 'T' | 'O' | 'I' | 'Td' | 'Oh' | 'Ih' | 'SO2' | 'O2' | 'SO3' | 'O3'
/// ```
///
/// Errors ([`Error::Parse`], `position` = byte offset of the offending character): empty
/// input, an unknown name (position of its start), a family without its number (position
/// where the number should be), `n = 0` or a number that overflows `usize` (position of the
/// number), a missing factor after `x`, and trailing input.
///
/// ```
/// use equivariant::io::expr::{GroupExpr, parse_group};
/// use equivariant::Error;
///
/// assert_eq!(parse_group("S5").unwrap(), GroupExpr::Symmetric(5));
/// assert_eq!(
///     parse_group("C2 x S3").unwrap(),
///     GroupExpr::Product(vec![GroupExpr::Cyclic(2), GroupExpr::Symmetric(3)])
/// );
/// assert_eq!(parse_group("Oh").unwrap().to_string(), "Oh");
///
/// // `S0` is refused, pointing at the `0`.
/// match parse_group("S0") {
///     Err(Error::Parse { position, message, .. }) => {
///         assert_eq!(position, 1);
///         assert!(message.contains("at least 1"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn parse_group(s: &str) -> Result<GroupExpr> {
    let mut c = Cursor::new(s);
    c.skip_ws();
    if c.at_end() {
        return Err(c.error(
            c.pos,
            "empty group name; expected e.g. S5, D4, SO3 or C2xS3",
        ));
    }
    let first = group_factor(&mut c)?;
    let mut rest = Vec::new();
    loop {
        c.skip_ws();
        match c.peek() {
            None => break,
            Some(b'x') => {
                c.pos += 1;
                c.skip_ws();
                if c.at_end() {
                    return Err(c.error(c.pos, "missing group after `x`"));
                }
                rest.push(group_factor(&mut c)?);
            }
            Some(_) => {
                return Err(c.error(
                    c.pos,
                    format!(
                        "expected `x` (direct product) or end of input, found {}",
                        c.found(c.pos)
                    ),
                ));
            }
        }
    }
    Ok(join(first, rest, GroupExpr::Product))
}

const GROUP_NAMES: &str = "S<n>, A<n>, C<n>, D<n>, Q8, T, O, I, Td, Oh, Ih, SO2, O2, SO3, O3";

/// One factor of a group name, starting at the cursor.
fn group_factor(c: &mut Cursor<'_>) -> Result<GroupExpr> {
    let start = c.pos;
    while c.peek().is_some_and(|b| b.is_ascii_uppercase()) {
        c.pos += 1;
    }
    while c
        .peek()
        .is_some_and(|b| b.is_ascii_lowercase() && b != b'x')
    {
        c.pos += 1;
    }
    let letters = &c.input[start..c.pos];
    let digits_start = c.pos;
    let digits = c.digits();
    let name = &c.input[start..c.pos];
    if letters.is_empty() {
        return Err(c.error(
            start,
            format!(
                "expected a group name ({GROUP_NAMES}), found {}",
                c.found(start)
            ),
        ));
    }
    let order = |c: &Cursor<'_>| -> Result<usize> {
        if digits.is_empty() {
            return Err(c.error(
                digits_start,
                format!(
                    "expected the number n after `{letters}` (e.g. {letters}4), found {}",
                    c.found(digits_start)
                ),
            ));
        }
        let n: usize = c.number(digits, digits_start, usize::MAX)?;
        if n == 0 {
            return Err(c.error(
                digits_start,
                format!("n must be at least 1 in `{letters}n`"),
            ));
        }
        Ok(n)
    };
    match (letters, digits) {
        ("S", _) => Ok(GroupExpr::Symmetric(order(c)?)),
        ("A", _) => Ok(GroupExpr::Alternating(order(c)?)),
        ("C", _) => Ok(GroupExpr::Cyclic(order(c)?)),
        ("D", _) => Ok(GroupExpr::Dihedral(order(c)?)),
        ("Q", "8") => Ok(GroupExpr::Quaternion),
        ("Q", _) => Err(c.error(
            start,
            format!(
                "unknown group `{}`: the only quaternion group is Q8",
                clip(name)
            ),
        )),
        ("T", "") => Ok(GroupExpr::Tetrahedral),
        ("O", "") => Ok(GroupExpr::Octahedral),
        ("I", "") => Ok(GroupExpr::Icosahedral),
        ("Td", "") => Ok(GroupExpr::FullTetrahedral),
        ("Oh", "") => Ok(GroupExpr::FullOctahedral),
        ("Ih", "") => Ok(GroupExpr::FullIcosahedral),
        ("SO", "2") => Ok(GroupExpr::SO2),
        ("SO", "3") => Ok(GroupExpr::SO3),
        ("O", "2") => Ok(GroupExpr::O2),
        ("O", "3") => Ok(GroupExpr::O3),
        ("SO", "") => Err(c.error(
            digits_start,
            format!(
                "expected 2 or 3 after `SO` (SO2, SO3), found {}",
                c.found(digits_start)
            ),
        )),
        _ => Err(c.error(
            start,
            format!(
                "unknown group `{}`; expected one of {GROUP_NAMES} (names are case-sensitive)",
                clip(name)
            ),
        )),
    }
}

/// Parses a representation expression such as `2x V^2 + sym2(V)`, `16x0e+8x1o`,
/// `[3,1,1] + 2x[2,2,1]`, `(0e,[2,1])` or `X.2+X.3`.
///
/// # Grammar
///
/// Whitespace (ASCII) is allowed between tokens, except inside an irrep label and between
/// `sym`/`alt` and their degree.
///
/// ```text
/// expr    := term ('+' term)*
/// term    := [INT 'x'] product        multiplicity (INT ≥ 1, fits in u64): `3x R`, `16x0e`
/// product := power ('*' power)*       tensor product
/// power   := atom ['^' INT]           tensor power (INT ≥ 1, fits in u32); `V^2^3` is refused
/// atom    := 'triv' | 'sign' | 'V' | 'reg'
///          | 'sym' INT '(' expr ')'   symmetric power (degree ≥ 1, no space before INT)
///          | 'alt' INT '(' expr ')'   exterior power (degree ≥ 1, no space before INT)
///          | 'dual' '(' expr ')'
///          | '(' expr ')'             grouping (no top-level comma inside)
///          | label
/// label   := INT                      SO(3), SO(2), C_n irreps: `2`
///          | INT ('e' | 'o')          O(3) irreps: `0e`, `1o`
///          | INT ('+' | '-')          O(2) irreps: `0+`, `0-` (see the rules below)
///          | '[' INT (',' INT)* ']'   partitions: `[3,1,1]`
///          | 'X.' INT                 character-table labels: `X.1`, `X.12`
///          | '(' label (',' label)+ ')'   product-group labels: `(0e,[2,1])`
/// ```
///
/// Labels are kept as strings in [`RepExpr::Irrep`], normalised by removing the spaces
/// inside partitions and product labels (`[3, 1]` → `[3,1]`, `( 0e , 1o )` → `(0e,1o)`);
/// digits are kept as written.
///
/// # Ambiguities and how they are resolved
///
/// - An integer followed (after optional spaces) by `x` at the start of a summand is a
///   multiplicity: `2x3` is two copies of the irrep `3`, `16x0e` sixteen copies of `0e`.
///   A multiplicity anywhere else (`V * 2x W`) is an error; write `V * (2x W)`.
/// - `-` directly after an integer belongs to the label (`0-`).
/// - `+` directly after an integer belongs to the label (`0+`) only when what follows it,
///   after optional spaces, is the end of the input, `)`, `,`, `*`, `^` or another `+`;
///   otherwise it is the sum operator. So `1+2` is the sum of the irreps `1` and `2`, while
///   `0+ + 0-` and `0++0-` are both the sum of `0+` and `0-`.
/// - A parenthesis whose top level contains a comma is a product label, whose components
///   are labels; any other parenthesis is grouping. `sym2((0e,1o))` needs both pairs.
///
/// # Errors
///
/// Always [`Error::Parse`], with `position` the byte offset of the offending character (the
/// input's length when the input ended too early): empty input; an unexpected character;
/// an unknown identifier such as `W` or `foo` (position of its start); an unclosed
/// parenthesis or bracket (position of the `(` or `[`); a missing operand after `+`, `*` or a
/// multiplicity; `^` without an integer; `sym`/`alt` without a degree; a multiplicity,
/// exponent or degree of 0 or one that overflows; trailing input such as an unmatched `)`;
/// nesting deeper than [`MAX_NESTING`].
///
/// # Examples
///
/// ```
/// use equivariant::io::expr::{RepExpr, parse_rep};
/// use equivariant::Error;
///
/// let e = parse_rep("2x V^2 + sym2(V)").unwrap();
/// assert_eq!(
///     e,
///     RepExpr::Sum(vec![
///         RepExpr::Multiple(2, Box::new(RepExpr::Power(Box::new(RepExpr::V), 2))),
///         RepExpr::Sym(2, Box::new(RepExpr::V)),
///     ])
/// );
/// assert_eq!(e.to_string(), "2x V^2 + sym2(V)");
///
/// // e3nn irreps strings are expressions too.
/// let e3nn = parse_rep("16x0e+8x1o").unwrap();
/// assert_eq!(e3nn.to_string(), "16x0e + 8x1o");
/// assert_eq!(parse_rep(&e3nn.to_string()).unwrap(), e3nn);
///
/// // `0+` is a label when nothing else can follow the `+` ...
/// assert_eq!(
///     parse_rep("0++0-").unwrap(),
///     RepExpr::Sum(vec![RepExpr::Irrep("0+".into()), RepExpr::Irrep("0-".into())])
/// );
/// // ... and the sum operator otherwise.
/// assert_eq!(
///     parse_rep("1+2").unwrap(),
///     RepExpr::Sum(vec![RepExpr::Irrep("1".into()), RepExpr::Irrep("2".into())])
/// );
///
/// // Errors point at the offending character.
/// match parse_rep("V + W") {
///     Err(Error::Parse { position, message, .. }) => {
///         assert_eq!(position, 4);
///         assert!(message.contains("unknown identifier `W`"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn parse_rep(s: &str) -> Result<RepExpr> {
    let mut c = Cursor::new(s);
    c.skip_ws();
    if c.at_end() {
        return Err(c.error(0, "empty representation expression"));
    }
    let expr = c.expr()?;
    c.skip_ws();
    match c.peek() {
        None => Ok(expr),
        Some(b')') => Err(c.error(c.pos, "unmatched `)`")),
        Some(b'x') => Err(c.error(
            c.pos,
            "unexpected `x`: a multiplicity is written before what it multiplies, e.g. `2x V`",
        )),
        Some(_) => Err(c.error(
            c.pos,
            format!(
                "unexpected {}; expected `+`, `*`, `^` or end of input",
                c.found(c.pos)
            ),
        )),
    }
}

/// `first` alone, or `wrap([first, rest…])` when `rest` is not empty.
fn join<T>(first: T, rest: Vec<T>, wrap: impl FnOnce(Vec<T>) -> T) -> T {
    if rest.is_empty() {
        first
    } else {
        let mut all = Vec::with_capacity(rest.len() + 1);
        all.push(first);
        all.extend(rest);
        wrap(all)
    }
}

/// Shortens long user text quoted in a message.
fn clip(s: &str) -> String {
    const MAX: usize = 32;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// A position in the input. Every token of both grammars is ASCII, so the cursor only ever
/// steps over ASCII bytes and `pos` is always on a char boundary.
struct Cursor<'a> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str) -> Self {
        Cursor {
            input,
            bytes: input.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn skip_ws(&mut self) {
        self.pos = self.ws_end(self.pos);
    }

    /// The first index at or after `from` that is not ASCII whitespace.
    fn ws_end(&self, from: usize) -> usize {
        let mut i = from;
        while self.byte(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    }

    /// The first index at or after `from` that is not an ASCII digit.
    fn digit_end(&self, from: usize) -> usize {
        let mut i = from;
        while self.byte(i).is_some_and(|b| b.is_ascii_digit()) {
            i += 1;
        }
        i
    }

    /// Consumes a (possibly empty) run of ASCII digits.
    fn digits(&mut self) -> &'a str {
        let start = self.pos;
        self.pos = self.digit_end(start);
        &self.input[start..self.pos]
    }

    /// Parses a non-empty run of ASCII digits, refusing overflow.
    fn number<T: FromStr>(&self, digits: &str, start: usize, max: impl fmt::Display) -> Result<T> {
        digits.parse::<T>().map_err(|_| {
            self.error(
                start,
                format!("number `{}` is too large (at most {max})", clip(digits)),
            )
        })
    }

    /// How the character at `at` is quoted in messages.
    fn found(&self, at: usize) -> String {
        match self.input.get(at..).and_then(|rest| rest.chars().next()) {
            Some(ch) => format!("`{ch}`"),
            None => "end of input".to_string(),
        }
    }

    fn error(&self, position: usize, message: impl Into<String>) -> Error {
        Error::Parse {
            input: self.input.to_string(),
            position,
            message: message.into(),
        }
    }

    /// Whether what is at the cursor can begin a term / power.
    fn can_start_operand(&self) -> bool {
        self.peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'(' || b == b'[')
    }

    /// Enters one level of nesting opened at `at`.
    fn enter(&mut self, at: usize) -> Result<()> {
        if self.depth >= MAX_NESTING {
            return Err(self.error(
                at,
                format!("expression nested too deeply (more than {MAX_NESTING} levels)"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- representation expressions -------------------------------------------------

    fn expr(&mut self) -> Result<RepExpr> {
        self.chain(b'+', Self::term, RepExpr::Sum)
    }

    /// `operand (op operand)*`, wrapped by `wrap` when there is more than one operand; an
    /// operator with nothing after it is an error at the position where the operand is missing.
    fn chain(
        &mut self,
        op: u8,
        operand: fn(&mut Self) -> Result<RepExpr>,
        wrap: fn(Vec<RepExpr>) -> RepExpr,
    ) -> Result<RepExpr> {
        let first = operand(self)?;
        let mut rest = Vec::new();
        loop {
            self.skip_ws();
            if self.peek() != Some(op) {
                break;
            }
            self.pos += 1;
            self.skip_ws();
            if !self.can_start_operand() {
                return Err(self.error(
                    self.pos,
                    format!(
                        "missing operand after `{}`, found {}",
                        op as char,
                        self.found(self.pos)
                    ),
                ));
            }
            rest.push(operand(self)?);
        }
        Ok(join(first, rest, wrap))
    }

    fn term(&mut self) -> Result<RepExpr> {
        self.skip_ws();
        let start = self.pos;
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            let end = self.digit_end(start);
            let after = self.ws_end(end);
            if self.byte(after) == Some(b'x') {
                let n: u64 = self.number(&self.input[start..end], start, u64::MAX)?;
                if n == 0 {
                    return Err(self.error(start, "multiplicity must be at least 1"));
                }
                self.pos = after + 1;
                self.skip_ws();
                if !self.can_start_operand() {
                    return Err(self.error(
                        self.pos,
                        format!(
                            "missing representation after the multiplicity `{n}x`, found {}",
                            self.found(self.pos)
                        ),
                    ));
                }
                let inner = self.product()?;
                return Ok(RepExpr::Multiple(n, Box::new(inner)));
            }
        }
        self.product()
    }

    fn product(&mut self) -> Result<RepExpr> {
        self.chain(b'*', Self::power, RepExpr::Tensor)
    }

    fn power(&mut self) -> Result<RepExpr> {
        let base = self.atom()?;
        self.skip_ws();
        if self.peek() != Some(b'^') {
            return Ok(base);
        }
        self.pos += 1;
        self.skip_ws();
        let start = self.pos;
        let digits = self.digits();
        if digits.is_empty() {
            return Err(self.error(
                start,
                format!(
                    "expected an integer exponent after `^`, found {}",
                    self.found(start)
                ),
            ));
        }
        let k: u32 = self.number(digits, start, u32::MAX)?;
        if k == 0 {
            return Err(self.error(start, "exponent must be at least 1"));
        }
        self.skip_ws();
        if self.peek() == Some(b'^') {
            return Err(self.error(
                self.pos,
                "chained `^` is ambiguous; use parentheses, e.g. (V^2)^3",
            ));
        }
        Ok(RepExpr::Power(Box::new(base), k))
    }

    fn atom(&mut self) -> Result<RepExpr> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => Err(self.error(start, "expected a representation, found end of input")),
            Some(b'(') => {
                if self.depth >= MAX_NESTING {
                    return Err(self.error(
                        start,
                        format!("expression nested too deeply (more than {MAX_NESTING} levels)"),
                    ));
                }
                if self.is_product_label(start) {
                    Ok(RepExpr::Irrep(self.product_label()?))
                } else {
                    self.paren_expr()
                }
            }
            Some(b'[') => Ok(RepExpr::Irrep(self.partition()?)),
            Some(b) if b.is_ascii_digit() => {
                let end = self.digit_end(start);
                if self.byte(self.ws_end(end)) == Some(b'x') {
                    return Err(self.error(
                        start,
                        "a multiplicity can only start a summand; parenthesise it, e.g. V * (2x W)",
                    ));
                }
                Ok(RepExpr::Irrep(self.int_label()))
            }
            Some(b) if b.is_ascii_alphabetic() => self.word(),
            Some(_) => Err(self.error(
                start,
                format!(
                    "expected a representation (triv, sign, V, reg, sym<k>(…), alt<k>(…), \
                     dual(…), a parenthesis or an irrep label), found {}",
                    self.found(start)
                ),
            )),
        }
    }

    /// A keyword, `X.n`, or an unknown identifier, at the cursor (an ASCII letter).
    fn word(&mut self) -> Result<RepExpr> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word = &self.input[start..self.pos];
        match word {
            "triv" => Ok(RepExpr::Triv),
            "sign" => Ok(RepExpr::Sign),
            "V" => Ok(RepExpr::V),
            "reg" => Ok(RepExpr::Reg),
            "sym" | "alt" => {
                let dstart = self.pos;
                let digits = self.digits();
                if digits.is_empty() {
                    return Err(self.error(
                        dstart,
                        format!(
                            "`{word}` needs a degree, e.g. {word}2(V); found {}",
                            self.found(dstart)
                        ),
                    ));
                }
                let k: u32 = self.number(digits, dstart, u32::MAX)?;
                if k == 0 {
                    return Err(self.error(dstart, "degree must be at least 1"));
                }
                self.skip_ws();
                if self.peek() != Some(b'(') {
                    return Err(self.error(
                        self.pos,
                        format!(
                            "expected `(` after `{word}{k}`, found {}",
                            self.found(self.pos)
                        ),
                    ));
                }
                let inner = Box::new(self.paren_expr()?);
                Ok(if word == "sym" {
                    RepExpr::Sym(k, inner)
                } else {
                    RepExpr::Alt(k, inner)
                })
            }
            "dual" => {
                self.skip_ws();
                if self.peek() != Some(b'(') {
                    return Err(self.error(
                        self.pos,
                        format!("expected `(` after `dual`, found {}", self.found(self.pos)),
                    ));
                }
                Ok(RepExpr::Dual(Box::new(self.paren_expr()?)))
            }
            "X" => Ok(RepExpr::Irrep(self.x_label_rest()?)),
            _ => {
                let mut end = self.pos;
                while self
                    .byte(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    end += 1;
                }
                Err(self.error(
                    start,
                    format!(
                        "unknown identifier `{}`; expected triv, sign, V, reg, sym<k>(…), \
                         alt<k>(…), dual(…) or an irrep label",
                        clip(&self.input[start..end])
                    ),
                ))
            }
        }
    }

    /// `'(' expr ')'` with the cursor on the `(`.
    fn paren_expr(&mut self) -> Result<RepExpr> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_ws();
        match self.peek() {
            None => return Err(self.error(open, "unclosed parenthesis")),
            Some(b')') => return Err(self.error(self.pos, "empty parentheses")),
            _ => {}
        }
        let inner = self.expr()?;
        self.skip_ws();
        match self.peek() {
            Some(b')') => {
                self.pos += 1;
                self.leave();
                Ok(inner)
            }
            None => Err(self.error(open, "unclosed parenthesis")),
            Some(b',') => Err(self.error(
                self.pos,
                format!(
                    "expected `)` to close the parenthesis at position {open}, found `,` \
                     (a product label needs its own parentheses, e.g. sym2((0e,1o)))"
                ),
            )),
            Some(_) => Err(self.error(
                self.pos,
                format!(
                    "expected `)` to close the parenthesis at position {open}, found {}",
                    self.found(self.pos)
                ),
            )),
        }
    }

    /// Whether the `(` at `open` starts a product label, i.e. its top level contains a comma.
    fn is_product_label(&self, open: usize) -> bool {
        let mut depth = 0usize;
        for &b in &self.bytes[open + 1..] {
            match b {
                b'(' | b'[' => depth += 1,
                b')' | b']' => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => return true,
                _ => {}
            }
        }
        false
    }

    /// `'(' label (',' label)+ ')'` with the cursor on the `(`; returns the normalised text.
    fn product_label(&mut self) -> Result<String> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        let mut text = String::from("(");
        loop {
            self.skip_ws();
            if self.at_end() {
                return Err(self.error(open, "unclosed parenthesis"));
            }
            text.push_str(&self.label()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    text.push(',');
                }
                Some(b')') => {
                    self.pos += 1;
                    text.push(')');
                    self.leave();
                    return Ok(text);
                }
                None => return Err(self.error(open, "unclosed parenthesis")),
                Some(_) => {
                    return Err(self.error(
                        self.pos,
                        format!(
                            "expected `,` or `)` in the product label opened at position {open}, \
                             found {}",
                            self.found(self.pos)
                        ),
                    ));
                }
            }
        }
    }

    /// One component of a product label.
    fn label(&mut self) -> Result<String> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b) if b.is_ascii_digit() => Ok(self.int_label()),
            Some(b'[') => self.partition(),
            Some(b'(') if self.is_product_label(start) => self.product_label(),
            Some(b'X')
                if !self
                    .byte(start + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic()) =>
            {
                self.pos += 1;
                self.x_label_rest()
            }
            _ => Err(self.error(
                start,
                format!(
                    "expected an irrep label (e.g. 2, 1o, 0+, [2,1], X.1, (a,b)) in the product \
                     label, found {}",
                    self.found(start)
                ),
            )),
        }
    }

    /// An integer label with its optional suffix `e`, `o`, `-` or (see [`parse_rep`]) `+`.
    fn int_label(&mut self) -> String {
        let start = self.pos;
        self.digits();
        match self.peek() {
            Some(b'e' | b'o' | b'-') => self.pos += 1,
            Some(b'+') => {
                let after = self.ws_end(self.pos + 1);
                if matches!(
                    self.byte(after),
                    None | Some(b')' | b',' | b'*' | b'^' | b'+')
                ) {
                    self.pos += 1;
                }
            }
            _ => {}
        }
        self.input[start..self.pos].to_string()
    }

    /// `'[' INT (',' INT)* ']'` with the cursor on the `[`; returns the text without spaces.
    fn partition(&mut self) -> Result<String> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::from("[");
        loop {
            self.skip_ws();
            let start = self.pos;
            let digits = self.digits();
            if digits.is_empty() {
                return Err(if self.at_end() {
                    self.error(open, "unclosed `[`")
                } else {
                    self.error(
                        start,
                        format!(
                            "expected a part (an integer) of the partition, found {}",
                            self.found(start)
                        ),
                    )
                });
            }
            text.push_str(digits);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    text.push(',');
                }
                Some(b']') => {
                    self.pos += 1;
                    text.push(']');
                    return Ok(text);
                }
                None => return Err(self.error(open, "unclosed `[`")),
                Some(_) => {
                    return Err(self.error(
                        self.pos,
                        format!(
                            "expected `,` or `]` in the partition, found {}",
                            self.found(self.pos)
                        ),
                    ));
                }
            }
        }
    }

    /// The `.n` of a character-table label `X.n`, with the cursor just after the `X`.
    fn x_label_rest(&mut self) -> Result<String> {
        if self.peek() != Some(b'.') {
            return Err(self.error(
                self.pos,
                format!(
                    "expected `.` after `X` (character-table labels are X.1, X.2, …), found {}",
                    self.found(self.pos)
                ),
            ));
        }
        self.pos += 1;
        let start = self.pos;
        let digits = self.digits();
        if digits.is_empty() {
            return Err(self.error(
                start,
                format!("expected a number after `X.`, found {}", self.found(start)),
            ));
        }
        Ok(format!("X.{digits}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irrep(s: &str) -> RepExpr {
        RepExpr::Irrep(s.to_string())
    }

    fn position(r: Result<impl fmt::Debug>) -> usize {
        match r {
            Err(Error::Parse { position, .. }) => position,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn plus_after_integer_is_a_label_only_before_a_closing_token() {
        for (input, expected) in [
            ("0+", irrep("0+")),
            ("(0+)", irrep("0+")),
            ("0+ ^2", RepExpr::Power(Box::new(irrep("0+")), 2)),
            ("0+*V", RepExpr::Tensor(vec![irrep("0+"), RepExpr::V])),
            ("1+2", RepExpr::Sum(vec![irrep("1"), irrep("2")])),
            ("1+V", RepExpr::Sum(vec![irrep("1"), RepExpr::V])),
            ("1+(V)", RepExpr::Sum(vec![irrep("1"), RepExpr::V])),
            ("0++0-", RepExpr::Sum(vec![irrep("0+"), irrep("0-")])),
            ("0 + 0-", RepExpr::Sum(vec![irrep("0"), irrep("0-")])),
            ("(0+,1)", irrep("(0+,1)")),
        ] {
            assert_eq!(parse_rep(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn integer_followed_by_x_is_a_multiplicity_only_at_the_start_of_a_summand() {
        assert_eq!(
            parse_rep("2x3"),
            Ok(RepExpr::Multiple(2, Box::new(irrep("3"))))
        );
        assert_eq!(
            parse_rep("2 x 3"),
            Ok(RepExpr::Multiple(2, Box::new(irrep("3"))))
        );
        assert_eq!(position(parse_rep("V * 2x V")), 4);
        assert_eq!(position(parse_rep("2x 3x V")), 3);
        assert_eq!(position(parse_rep("2x")), 2);
    }

    #[test]
    fn nesting_beyond_the_limit_is_an_error_not_a_stack_overflow() {
        let ok = format!("{}V{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(parse_rep(&ok), Ok(RepExpr::V));
        let deep = format!("{}V{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(position(parse_rep(&deep)), MAX_NESTING);
        let deep_sym = format!("{}V{}", "sym2(".repeat(100_000), ")".repeat(100_000));
        assert!(parse_rep(&deep_sym).is_err());
        let deep_label = format!("{}0,1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse_rep(&deep_label).is_err());
    }

    #[test]
    fn long_flat_expressions_parse_without_recursion() {
        let n = 50_000;
        let sum = vec!["V"; n].join("+");
        match parse_rep(&sum) {
            Ok(RepExpr::Sum(items)) => assert_eq!(items.len(), n),
            other => panic!("{other:?}"),
        }
        let tensor = vec!["V"; n].join("*");
        match parse_rep(&tensor) {
            Ok(RepExpr::Tensor(items)) => assert_eq!(items.len(), n),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn display_parenthesises_by_precedence() {
        let v = || Box::new(RepExpr::V);
        let cases = [
            (
                RepExpr::Sum(vec![RepExpr::Sum(vec![RepExpr::V, RepExpr::V]), RepExpr::V]),
                "(V + V) + V",
            ),
            (
                RepExpr::Multiple(2, Box::new(RepExpr::Multiple(3, v()))),
                "2x (3x V)",
            ),
            (
                RepExpr::Tensor(vec![RepExpr::Multiple(2, v()), RepExpr::V]),
                "(2x V) * V",
            ),
            (
                RepExpr::Power(Box::new(RepExpr::Power(v(), 2)), 3),
                "(V^2)^3",
            ),
            (
                RepExpr::Power(Box::new(RepExpr::Tensor(vec![RepExpr::V, RepExpr::V])), 2),
                "(V * V)^2",
            ),
            (RepExpr::Multiple(16, Box::new(irrep("0e"))), "16x0e"),
            (RepExpr::Sym(2, Box::new(irrep("(0e,1o)"))), "sym2((0e,1o))"),
            (RepExpr::Sum(vec![irrep("0+"), irrep("0-")]), "0+ + 0-"),
        ];
        for (expr, text) in cases {
            assert_eq!(expr.to_string(), text);
            assert_eq!(parse_rep(text), Ok(expr), "{text}");
        }
    }

    #[test]
    fn labels_are_normalised() {
        assert_eq!(parse_rep("[ 3 , 1 ,1 ]"), Ok(irrep("[3,1,1]")));
        assert_eq!(
            parse_rep("( 0e , ( [2, 1] , X.3 ) )"),
            Ok(irrep("(0e,([2,1],X.3))"))
        );
        assert_eq!(parse_rep("X.12"), Ok(irrep("X.12")));
    }

    #[test]
    fn group_names_are_case_sensitive_and_exact() {
        assert_eq!(position(parse_group("so3")), 0);
        assert_eq!(position(parse_group("Q4")), 0);
        assert_eq!(position(parse_group("SO4")), 0);
        assert_eq!(position(parse_group("SO")), 2);
        assert_eq!(position(parse_group("Th")), 0);
        assert_eq!(position(parse_group("S")), 1);
        assert_eq!(position(parse_group("C2x")), 3);
        assert_eq!(position(parse_group("C2 S3")), 3);
        assert_eq!(
            parse_group(" TdxOhxIh "),
            Ok(GroupExpr::Product(vec![
                GroupExpr::FullTetrahedral,
                GroupExpr::FullOctahedral,
                GroupExpr::FullIcosahedral,
            ]))
        );
    }
}
