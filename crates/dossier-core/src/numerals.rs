//! English number words, shared by every stage that reads counts (times, quantities).

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Cardinal number words up to ninety-nine, in lower case, hyphenated compounds
/// included: "seven" -> 7, "twenty-five" -> 25.
pub fn cardinal(word: &str) -> Option<u32> {
    if let Some(n) = ONES.iter().position(|&x| x == word) {
        return Some(n as u32);
    }
    if let Some(n) = TENS.iter().position(|&x| x == word) {
        return Some(20 + 10 * n as u32);
    }
    let (tens, ones) = word.split_once('-')?;
    let t = TENS.iter().position(|&x| x == tens)?;
    let o = ONES[1..10].iter().position(|&x| x == ones)?;
    Some(20 + 10 * t as u32 + o as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::cardinal;

    #[test]
    fn reads_words_and_compounds() {
        assert_eq!(cardinal("zero"), Some(0));
        assert_eq!(cardinal("nineteen"), Some(19));
        assert_eq!(cardinal("ninety"), Some(90));
        assert_eq!(cardinal("twenty-four"), Some(24));
        assert_eq!(cardinal("twenty-zero"), None);
        assert_eq!(cardinal("Two"), None);
    }
}
