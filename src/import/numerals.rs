//! Roman numerals, which number the parts of a plan (I, II, … XIV): written by the Word
//! reader for Word's "upperRoman" lists, read by the recogniser in section headings, and
//! written by the example archive generator.

/// The values of the numerals, largest first, with the subtractive pairs.
const DIGITS: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// 1 → "I", 4 → "IV", 1994 → "MCMXCIV" (0 → "").
pub fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The value of a numeral in capitals ("XIV" → 14); characters that are not numerals count
/// 0, and a numeral that would be negative is 0.
pub fn roman_value(numeral: &str) -> usize {
    let digit = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => 0,
    };
    let values: Vec<i64> = numeral.chars().map(digit).collect();
    let mut total: i64 = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    usize::try_from(total).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..4000 {
            assert_eq!(roman_value(&roman(n)), n as usize, "{n}");
        }
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman_value("IIII"), 4);
        assert_eq!(roman_value("IM"), 999);
    }
}
