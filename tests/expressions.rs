//! Group names and representation expressions: the DESIGN examples parse to the expected
//! syntax trees, bad input is a positioned `Error::Parse` (never a panic), and printing then
//! re-parsing any well-formed tree gives it back.

use equivariant::Error;
use equivariant::io::expr::{GroupExpr, RepExpr, parse_group, parse_rep};
use quickcheck::{Arbitrary, Gen, QuickCheck};

// ----- helpers ---------------------------------------------------------------------------

fn irrep(label: &str) -> RepExpr {
    RepExpr::Irrep(label.to_string())
}

fn bx(e: RepExpr) -> Box<RepExpr> {
    Box::new(e)
}

/// The position and message of a parse error; fails the test on anything else.
fn parse_error<T: std::fmt::Debug>(input: &str, result: Result<T, Error>) -> (usize, String) {
    match result {
        Err(Error::Parse {
            input: echoed,
            position,
            message,
        }) => {
            assert_eq!(echoed, input, "the error must quote the whole input");
            (position, message)
        }
        other => panic!("{input:?}: expected Error::Parse, got {other:?}"),
    }
}

/// Checks the contract every failed parse must meet: an `Error::Parse` quoting the input,
/// with a position inside it (or at its end) on a char boundary, and a non-empty message.
fn error_is_well_positioned<T>(input: &str, result: &Result<T, Error>) -> bool {
    match result {
        Ok(_) => true,
        Err(Error::Parse {
            input: echoed,
            position,
            message,
        }) => {
            echoed == input
                && *position <= input.len()
                && input.is_char_boundary(*position)
                && !message.is_empty()
                // Display draws the caret without panicking.
                && !result.as_ref().err().map(|e| e.to_string()).unwrap_or_default().is_empty()
        }
        Err(_) => false,
    }
}

fn small(g: &mut Gen, below: u64) -> u64 {
    u64::arbitrary(g) % below
}

// ----- DESIGN examples: groups -----------------------------------------------------------

#[test]
fn group_s5_is_symmetric_of_degree_5() {
    assert_eq!(parse_group("S5"), Ok(GroupExpr::Symmetric(5)));
}

#[test]
fn group_d4_is_dihedral_4() {
    assert_eq!(parse_group("D4"), Ok(GroupExpr::Dihedral(4)));
}

#[test]
fn group_c2xs3_is_a_product() {
    let expected = GroupExpr::Product(vec![GroupExpr::Cyclic(2), GroupExpr::Symmetric(3)]);
    assert_eq!(parse_group("C2xS3"), Ok(expected.clone()));
    assert_eq!(parse_group("C2 x S3"), Ok(expected.clone()));
    assert_eq!(expected.to_string(), "C2xS3");
    assert_eq!(expected.name(), "C2xS3");
}

#[test]
fn group_products_of_three_factors_are_flat() {
    assert_eq!(
        parse_group("C2 x S3 x D4"),
        Ok(GroupExpr::Product(vec![
            GroupExpr::Cyclic(2),
            GroupExpr::Symmetric(3),
            GroupExpr::Dihedral(4),
        ]))
    );
}

#[test]
fn group_every_named_group_parses_and_prints_its_name() {
    let named = [
        ("S5", GroupExpr::Symmetric(5)),
        ("A5", GroupExpr::Alternating(5)),
        ("C6", GroupExpr::Cyclic(6)),
        ("D4", GroupExpr::Dihedral(4)),
        ("Q8", GroupExpr::Quaternion),
        ("T", GroupExpr::Tetrahedral),
        ("O", GroupExpr::Octahedral),
        ("I", GroupExpr::Icosahedral),
        ("Td", GroupExpr::FullTetrahedral),
        ("Oh", GroupExpr::FullOctahedral),
        ("Ih", GroupExpr::FullIcosahedral),
        ("SO2", GroupExpr::SO2),
        ("O2", GroupExpr::O2),
        ("SO3", GroupExpr::SO3),
        ("O3", GroupExpr::O3),
    ];
    for (name, group) in named {
        assert_eq!(parse_group(name), Ok(group.clone()), "{name}");
        assert_eq!(group.to_string(), name);
        assert_eq!(name.parse::<GroupExpr>(), Ok(group));
    }
    // Letter-only names sit next to `x` without ambiguity.
    assert_eq!(
        parse_group("TxOxI"),
        Ok(GroupExpr::Product(vec![
            GroupExpr::Tetrahedral,
            GroupExpr::Octahedral,
            GroupExpr::Icosahedral,
        ]))
    );
}

// ----- DESIGN examples: representation expressions ----------------------------------------

#[test]
fn rep_multiple_of_power_plus_sym() {
    assert_eq!(
        parse_rep("2x V^2 + sym2(V)"),
        Ok(RepExpr::Sum(vec![
            RepExpr::Multiple(2, bx(RepExpr::Power(bx(RepExpr::V), 2))),
            RepExpr::Sym(2, bx(RepExpr::V)),
        ]))
    );
}

#[test]
fn rep_e3nn_irreps_string() {
    let expected = RepExpr::Sum(vec![
        RepExpr::Multiple(16, bx(irrep("0e"))),
        RepExpr::Multiple(8, bx(irrep("1o"))),
    ]);
    assert_eq!(parse_rep("16x0e+8x1o"), Ok(expected.clone()));
    assert_eq!(parse_rep("16x 0e + 8x 1o"), Ok(expected.clone()));
    assert_eq!(expected.to_string(), "16x0e + 8x1o");
}

#[test]
fn rep_regular_squared() {
    assert_eq!(parse_rep("reg^2"), Ok(RepExpr::Power(bx(RepExpr::Reg), 2)));
}

#[test]
fn rep_alt3_of_v() {
    assert_eq!(parse_rep("alt3(V)"), Ok(RepExpr::Alt(3, bx(RepExpr::V))));
}

#[test]
fn rep_partition_labels_with_multiplicity() {
    assert_eq!(
        parse_rep("[3,1,1] + 2x[2,2,1]"),
        Ok(RepExpr::Sum(vec![
            irrep("[3,1,1]"),
            RepExpr::Multiple(2, bx(irrep("[2,2,1]"))),
        ]))
    );
    assert_eq!(parse_rep("[3, 1, 1]"), Ok(irrep("[3,1,1]")));
}

#[test]
fn rep_product_label_with_partition_component() {
    assert_eq!(parse_rep("(0e,[2,1])"), Ok(irrep("(0e,[2,1])")));
    assert_eq!(parse_rep("( 0e , [2, 1] )"), Ok(irrep("(0e,[2,1])")));
    assert_eq!(parse_rep("([2,1],(1o,X.2))"), Ok(irrep("([2,1],(1o,X.2))")));
}

#[test]
fn rep_o2_labels_zero_plus_plus_zero_minus() {
    let expected = RepExpr::Sum(vec![irrep("0+"), irrep("0-")]);
    assert_eq!(parse_rep("0+ + 0-"), Ok(expected.clone()));
    assert_eq!(parse_rep("0++0-"), Ok(expected.clone()));
    assert_eq!(expected.to_string(), "0+ + 0-");
}

#[test]
fn rep_plus_between_integers_is_a_sum() {
    assert_eq!(
        parse_rep("1+2"),
        Ok(RepExpr::Sum(vec![irrep("1"), irrep("2")]))
    );
}

#[test]
fn rep_integer_before_x_is_a_multiplicity() {
    assert_eq!(parse_rep("2x3"), Ok(RepExpr::Multiple(2, bx(irrep("3")))));
}

#[test]
fn rep_character_table_labels_conjugate_pair() {
    assert_eq!(
        parse_rep("X.2+X.3"),
        Ok(RepExpr::Sum(vec![irrep("X.2"), irrep("X.3")]))
    );
}

#[test]
fn rep_atoms_and_operators() {
    assert_eq!(parse_rep("triv"), Ok(RepExpr::Triv));
    assert_eq!(parse_rep("sign"), Ok(RepExpr::Sign));
    assert_eq!(parse_rep(" V "), Ok(RepExpr::V));
    assert_eq!(parse_rep("(V)"), Ok(RepExpr::V));
    assert_eq!(parse_rep("dual(V)"), Ok(RepExpr::Dual(bx(RepExpr::V))));
    assert_eq!(
        parse_rep("3x V * sign"),
        Ok(RepExpr::Multiple(
            3,
            bx(RepExpr::Tensor(vec![RepExpr::V, RepExpr::Sign]))
        ))
    );
    assert_eq!(
        parse_rep("V*V^2*reg"),
        Ok(RepExpr::Tensor(vec![
            RepExpr::V,
            RepExpr::Power(bx(RepExpr::V), 2),
            RepExpr::Reg,
        ]))
    );
    assert_eq!(
        parse_rep("(V + triv)^3"),
        Ok(RepExpr::Power(
            bx(RepExpr::Sum(vec![RepExpr::V, RepExpr::Triv])),
            3
        ))
    );
    assert_eq!(
        parse_rep("sym2((0e,1o))"),
        Ok(RepExpr::Sym(2, bx(irrep("(0e,1o)"))))
    );
}

// ----- bad input: positioned parse errors ------------------------------------------------

#[test]
fn group_error_s0_points_at_the_zero() {
    let (position, message) = parse_error("S0", parse_group("S0"));
    assert_eq!(position, 1);
    assert!(message.contains("at least 1"), "{message}");
}

#[test]
fn group_error_c0_points_at_the_zero() {
    let (position, message) = parse_error("C0", parse_group("C0"));
    assert_eq!(position, 1);
    assert!(message.contains("at least 1"), "{message}");
    for name in ["A0", "D0"] {
        assert_eq!(parse_error(name, parse_group(name)).0, 1);
    }
}

#[test]
fn group_error_unknown_name_points_at_its_start() {
    let (position, message) = parse_error("Foo", parse_group("Foo"));
    assert_eq!(position, 0);
    assert!(message.contains("Foo"), "{message}");
    assert_eq!(parse_error("C2xFoo", parse_group("C2xFoo")).0, 3);
    assert_eq!(parse_error("Q4", parse_group("Q4")).0, 0);
    assert_eq!(parse_error("so3", parse_group("so3")).0, 0);
}

#[test]
fn group_error_overflowing_order_is_refused() {
    let input = "S99999999999999999999";
    let (position, message) = parse_error(input, parse_group(input));
    assert_eq!(position, 1);
    assert!(message.contains("too large"), "{message}");
}

#[test]
fn group_error_empty_trailing_and_dangling_x() {
    assert_eq!(parse_error("", parse_group("")).0, 0);
    assert_eq!(parse_error("C2x", parse_group("C2x")).0, 3);
    assert_eq!(parse_error("C2 S3", parse_group("C2 S3")).0, 3);
    assert_eq!(parse_error("S", parse_group("S")).0, 1);
}

#[test]
fn rep_error_unknown_identifier_points_at_its_start() {
    let (position, message) = parse_error("Foo", parse_rep("Foo"));
    assert_eq!(position, 0);
    assert!(message.contains("unknown identifier `Foo`"), "{message}");
    let (position, message) = parse_error("V + W", parse_rep("V + W"));
    assert_eq!(position, 4);
    assert!(message.contains("`W`"), "{message}");
    assert_eq!(parse_error("2x foo", parse_rep("2x foo")).0, 3);
}

#[test]
fn rep_error_missing_operand_after_plus() {
    let (position, message) = parse_error("V +", parse_rep("V +"));
    assert_eq!(position, 3);
    assert!(message.contains("missing operand after `+`"), "{message}");
    assert_eq!(parse_error("V + )", parse_rep("V + )")).0, 4);
    assert_eq!(parse_error("V *", parse_rep("V *")).0, 3);
}

#[test]
fn rep_error_unclosed_parenthesis_points_at_the_open_paren() {
    let (position, message) = parse_error("(V", parse_rep("(V"));
    assert_eq!(position, 0);
    assert!(message.contains("unclosed"), "{message}");
    assert_eq!(parse_error("V * sym2(V", parse_rep("V * sym2(V")).0, 8);
    assert_eq!(parse_error("(0e,1o", parse_rep("(0e,1o")).0, 0);
    assert_eq!(parse_error("[3,1", parse_rep("[3,1")).0, 0);
}

#[test]
fn rep_error_caret_without_exponent() {
    let (position, message) = parse_error("V^", parse_rep("V^"));
    assert_eq!(position, 2);
    assert!(message.contains("exponent"), "{message}");
    assert_eq!(parse_error("V^V", parse_rep("V^V")).0, 2);
}

#[test]
fn rep_error_sym_without_degree() {
    let (position, message) = parse_error("sym(V)", parse_rep("sym(V)"));
    assert_eq!(position, 3);
    assert!(message.contains("degree"), "{message}");
    assert_eq!(parse_error("alt(V)", parse_rep("alt(V)")).0, 3);
    assert_eq!(parse_error("sym2 V", parse_rep("sym2 V")).0, 5);
}

#[test]
fn rep_error_exponent_zero() {
    let (position, message) = parse_error("V^0", parse_rep("V^0"));
    assert_eq!(position, 2);
    assert!(message.contains("at least 1"), "{message}");
}

#[test]
fn rep_error_multiplicity_zero() {
    let (position, message) = parse_error("0x V", parse_rep("0x V"));
    assert_eq!(position, 0);
    assert!(message.contains("multiplicity"), "{message}");
}

#[test]
fn rep_error_trailing_unmatched_paren() {
    let (position, message) = parse_error("V ) ", parse_rep("V ) "));
    assert_eq!(position, 2);
    assert!(message.contains(')'), "{message}");
}

#[test]
fn rep_error_empty_input() {
    assert_eq!(parse_error("", parse_rep("")).0, 0);
    assert_eq!(parse_error("   ", parse_rep("   ")).0, 0);
}

#[test]
fn rep_error_overflowing_numbers_are_refused() {
    let mult = "99999999999999999999x V";
    let (position, message) = parse_error(mult, parse_rep(mult));
    assert_eq!(position, 0);
    assert!(message.contains("too large"), "{message}");
    let exp = "V^4294967296";
    assert_eq!(parse_error(exp, parse_rep(exp)).0, 2);
    let degree = "sym4294967296(V)";
    assert_eq!(parse_error(degree, parse_rep(degree)).0, 3);
}

#[test]
fn rep_error_non_ascii_points_at_a_char_boundary() {
    let input = "V + é";
    let (position, _) = parse_error(input, parse_rep(input));
    assert_eq!(position, 4);
    let input = "V ⊗ V";
    let (position, message) = parse_error(input, parse_rep(input));
    assert_eq!(position, 2);
    assert!(message.contains('⊗'), "{message}");
}

#[test]
fn rep_error_chained_power_and_misplaced_multiplicity() {
    assert_eq!(parse_error("V^2^3", parse_rep("V^2^3")).0, 3);
    assert_eq!(parse_error("V * 2x V", parse_rep("V * 2x V")).0, 4);
}

// ----- property tests: never panic, errors are positioned --------------------------------

/// A string of tokens from the grammars' alphabets, sometimes with random characters mixed in.
#[derive(Clone, Debug)]
struct GrammarString(String);

const REP_TOKENS: &[&str] = &[
    "V",
    "x",
    "+",
    "*",
    "^",
    "(",
    ")",
    "[",
    "]",
    ",",
    " ",
    "0",
    "1",
    "2",
    "3",
    "9",
    "16",
    "99999999999999999999",
    "sym",
    "alt",
    "triv",
    "reg",
    "sign",
    "dual",
    "0e",
    "1o",
    "0+",
    "0-",
    "X.",
    "X.1",
    "-",
    ".",
    "e",
    "o",
    "W",
    "foo",
];

const GROUP_TOKENS: &[&str] = &[
    "S",
    "A",
    "C",
    "D",
    "Q",
    "T",
    "O",
    "I",
    "d",
    "h",
    "x",
    " ",
    "0",
    "1",
    "2",
    "3",
    "8",
    "SO",
    "Q8",
    "Td",
    "Oh",
    "Ih",
    "99999999999999999999",
    "s",
    "(",
];

impl Arbitrary for GrammarString {
    fn arbitrary(g: &mut Gen) -> Self {
        let tokens = if bool::arbitrary(g) {
            REP_TOKENS
        } else {
            GROUP_TOKENS
        };
        let len = small(g, g.size() as u64 + 1);
        let mut s = String::new();
        for _ in 0..len {
            if small(g, 12) == 0 {
                s.push(char::arbitrary(g));
            } else if let Some(token) = g.choose(tokens) {
                s.push_str(token);
            }
        }
        GrammarString(s)
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        Box::new(self.0.shrink().map(GrammarString))
    }
}

fn parsers_never_panic_and_position_errors(input: &str) -> bool {
    let rep = parse_rep(input);
    let group = parse_group(input);
    error_is_well_positioned(input, &rep)
        && error_is_well_positioned(input, &group)
        // Whatever parses prints in a canonical form that parses back to the same tree.
        && rep
            .as_ref()
            .map_or(true, |e| parse_rep(&e.to_string()).as_ref() == Ok(e))
        && group
            .as_ref()
            .map_or(true, |e| parse_group(&e.to_string()).as_ref() == Ok(e))
}

#[test]
fn prop_parsers_never_panic_on_grammar_alphabet_strings() {
    fn prop(s: GrammarString) -> bool {
        parsers_never_panic_and_position_errors(&s.0)
    }
    QuickCheck::new()
        .tests(5000)
        .quickcheck(prop as fn(GrammarString) -> bool);
}

#[test]
fn prop_parsers_never_panic_on_arbitrary_unicode() {
    fn prop(s: String) -> bool {
        parsers_never_panic_and_position_errors(&s)
    }
    QuickCheck::new()
        .tests(5000)
        .quickcheck(prop as fn(String) -> bool);
}

#[test]
fn parsers_survive_huge_and_deeply_nested_input() {
    let deep = format!("{}V{}", "(".repeat(200_000), ")".repeat(200_000));
    assert!(error_is_well_positioned(&deep, &parse_rep(&deep)));
    assert!(parse_rep(&deep).is_err());
    let deep_dual = format!("{}V{}", "dual(".repeat(50_000), ")".repeat(50_000));
    assert!(parse_rep(&deep_dual).is_err());
    let digits = "9".repeat(100_000);
    assert!(parse_group(&format!("S{digits}")).is_err());
    assert!(parse_rep(&format!("{digits}x V")).is_err());
    assert!(parse_rep(&format!("V^{digits}")).is_err());
    // Integer labels are syntax only: a huge one is kept for the group to judge.
    assert_eq!(parse_rep(&digits), Ok(irrep(&digits)));
}

// ----- property tests: round trips ---------------------------------------------------------

#[derive(Clone, Debug)]
struct ArbGroup(GroupExpr);

fn arbitrary_order(g: &mut Gen) -> usize {
    match small(g, 8) {
        0 => usize::MAX,
        1 => 1 + (u64::arbitrary(g) as usize % (usize::MAX - 1)),
        _ => 1 + small(g, 30) as usize,
    }
}

fn arbitrary_group_factor(g: &mut Gen) -> GroupExpr {
    match small(g, 15) {
        0 => GroupExpr::Symmetric(arbitrary_order(g)),
        1 => GroupExpr::Alternating(arbitrary_order(g)),
        2 => GroupExpr::Cyclic(arbitrary_order(g)),
        3 => GroupExpr::Dihedral(arbitrary_order(g)),
        4 => GroupExpr::Quaternion,
        5 => GroupExpr::Tetrahedral,
        6 => GroupExpr::Octahedral,
        7 => GroupExpr::Icosahedral,
        8 => GroupExpr::FullTetrahedral,
        9 => GroupExpr::FullOctahedral,
        10 => GroupExpr::FullIcosahedral,
        11 => GroupExpr::SO2,
        12 => GroupExpr::O2,
        13 => GroupExpr::SO3,
        _ => GroupExpr::O3,
    }
}

impl Arbitrary for ArbGroup {
    fn arbitrary(g: &mut Gen) -> Self {
        if bool::arbitrary(g) {
            ArbGroup(arbitrary_group_factor(g))
        } else {
            let n = 2 + small(g, 4) as usize;
            ArbGroup(GroupExpr::Product(
                (0..n).map(|_| arbitrary_group_factor(g)).collect(),
            ))
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        match &self.0 {
            GroupExpr::Product(factors) => Box::new(factors.clone().into_iter().map(ArbGroup)),
            _ => quickcheck::empty_shrinker(),
        }
    }
}

#[derive(Clone, Debug)]
struct ArbRep(RepExpr);

fn arbitrary_count<T: Arbitrary + From<u8> + PartialEq + Copy>(g: &mut Gen) -> T {
    // Mostly small, sometimes anything in the type's range (0 is replaced by 1).
    let value = if small(g, 5) == 0 {
        T::arbitrary(g)
    } else {
        T::from(1 + small(g, 20) as u8)
    };
    if value == T::from(0) {
        T::from(1)
    } else {
        value
    }
}

fn arbitrary_digits(g: &mut Gen) -> String {
    if small(g, 10) == 0 {
        u64::arbitrary(g).to_string()
    } else {
        small(g, 12).to_string()
    }
}

/// A normalised irrep label of bounded depth.
fn arbitrary_label(g: &mut Gen, depth: u32) -> String {
    let kinds = if depth == 0 { 4 } else { 5 };
    match small(g, kinds) {
        0 => {
            let suffix = *g.choose(&["", "e", "o", "+", "-"]).unwrap_or(&"");
            format!("{}{suffix}", arbitrary_digits(g))
        }
        1 => {
            let parts = 1 + small(g, 5) as usize;
            let parts: Vec<String> = (0..parts).map(|_| arbitrary_digits(g)).collect();
            format!("[{}]", parts.join(","))
        }
        2 => format!("X.{}", 1 + small(g, 20)),
        3 => small(g, 5).to_string(),
        _ => {
            let n = 2 + small(g, 2) as usize;
            let parts: Vec<String> = (0..n).map(|_| arbitrary_label(g, depth - 1)).collect();
            format!("({})", parts.join(","))
        }
    }
}

fn arbitrary_rep(g: &mut Gen, depth: u32) -> RepExpr {
    let kinds = if depth == 0 { 5 } else { 12 };
    let child = |g: &mut Gen| arbitrary_rep(g, depth - 1);
    match small(g, kinds) {
        0 => RepExpr::Triv,
        1 => RepExpr::Sign,
        2 => RepExpr::V,
        3 => RepExpr::Reg,
        4 => RepExpr::Irrep(arbitrary_label(g, 2)),
        5 => {
            let n = 2 + small(g, 3) as usize;
            RepExpr::Sum((0..n).map(|_| child(g)).collect())
        }
        6 => RepExpr::Multiple(arbitrary_count::<u64>(g), Box::new(child(g))),
        7 => {
            let n = 2 + small(g, 3) as usize;
            RepExpr::Tensor((0..n).map(|_| child(g)).collect())
        }
        8 => RepExpr::Power(Box::new(child(g)), arbitrary_count::<u32>(g)),
        9 => RepExpr::Sym(arbitrary_count::<u32>(g), Box::new(child(g))),
        10 => RepExpr::Alt(arbitrary_count::<u32>(g), Box::new(child(g))),
        _ => RepExpr::Dual(Box::new(child(g))),
    }
}

fn rep_children(e: &RepExpr) -> Vec<RepExpr> {
    match e {
        RepExpr::Sum(items) | RepExpr::Tensor(items) => items.clone(),
        RepExpr::Multiple(_, inner)
        | RepExpr::Power(inner, _)
        | RepExpr::Sym(_, inner)
        | RepExpr::Alt(_, inner)
        | RepExpr::Dual(inner) => vec![(**inner).clone()],
        _ => Vec::new(),
    }
}

impl Arbitrary for ArbRep {
    fn arbitrary(g: &mut Gen) -> Self {
        let depth = small(g, 5) as u32;
        ArbRep(arbitrary_rep(g, depth))
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        Box::new(rep_children(&self.0).into_iter().map(ArbRep))
    }
}

/// A printed well-formed expression (or group name) with a few random edits: deletions,
/// insertions of alphabet tokens or random characters, swaps and truncations. These are
/// near-valid strings that reach the error paths deep inside the parser.
#[derive(Clone, Debug)]
struct MutatedString(String);

impl Arbitrary for MutatedString {
    fn arbitrary(g: &mut Gen) -> Self {
        let text = if small(g, 4) == 0 {
            ArbGroup::arbitrary(g).0.to_string()
        } else {
            ArbRep::arbitrary(g).0.to_string()
        };
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..1 + small(g, 3) {
            let at = small(g, chars.len() as u64 + 1) as usize;
            match small(g, 5) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => {
                    let token = g.choose(REP_TOKENS).copied().unwrap_or("V");
                    for (i, ch) in token.chars().enumerate() {
                        chars.insert(at + i, ch);
                    }
                }
                2 => chars.insert(at, char::arbitrary(g)),
                3 if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => chars.truncate(at),
            }
        }
        MutatedString(chars.into_iter().collect())
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        Box::new(self.0.shrink().map(MutatedString))
    }
}

#[test]
fn prop_parsers_never_panic_on_mutated_expressions() {
    fn prop(s: MutatedString) -> bool {
        parsers_never_panic_and_position_errors(&s.0)
    }
    QuickCheck::new()
        .tests(5000)
        .quickcheck(prop as fn(MutatedString) -> bool);
}

#[test]
fn prop_group_display_then_parse_round_trips() {
    fn prop(g: ArbGroup) -> bool {
        parse_group(&g.0.to_string()) == Ok(g.0.clone()) && g.0.name() == g.0.to_string()
    }
    QuickCheck::new()
        .tests(2000)
        .quickcheck(prop as fn(ArbGroup) -> bool);
}

#[test]
fn prop_rep_display_then_parse_round_trips() {
    fn prop(e: ArbRep) -> bool {
        let text = e.0.to_string();
        parse_rep(&text) == Ok(e.0.clone())
    }
    QuickCheck::new()
        .tests(5000)
        .quickcheck(prop as fn(ArbRep) -> bool);
}

#[test]
fn prop_rep_display_is_canonical_under_reparse() {
    // Printing is a fixed point: print(parse(print(e))) == print(e).
    fn prop(e: ArbRep) -> bool {
        let text = e.0.to_string();
        parse_rep(&text).map(|p| p.to_string()) == Ok(text)
    }
    QuickCheck::new()
        .tests(2000)
        .quickcheck(prop as fn(ArbRep) -> bool);
}
