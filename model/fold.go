package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Searching: keys that let a name typed with or without accents find the
// record either way, and the ranking of matches.

// foldLatin (U+0000–U+024F) and foldExtra (U+1E00–U+1EFF) give the ASCII
// letter a Latin rune folds to, 0 when it has none. They are built from the
// canonical decompositions so every precomposed Vietnamese letter is covered
// without a hand-typed table that could miss "ỷ".
var foldLatin, foldExtra = buildFoldTables()

func buildFoldTables() (latin [0x250]byte, extra [0x100]byte) {
	set := func(r rune, dst []byte, off rune) {
		d := norm.NFD.String(string(r))
		if c := d[0]; c < utf8.RuneSelf && unicode.IsLetter(rune(c)) {
			dst[r-off] = byte(unicode.ToLower(rune(c)))
		}
	}
	for r := rune(0); r < 0x250; r++ {
		set(r, latin[:], 0)
	}
	for r := rune(0x1e00); r < 0x1f00; r++ {
		set(r, extra[:], 0x1e00)
	}
	// Letters with a stroke have no decomposition. Ð (U+00D0, eth) and Ɖ are
	// what legacy fonts and careless typing produce for Đ.
	for _, r := range []rune{0x110, 0x111, 0xd0, 0xf0, 0x189} {
		latin[r] = 'd'
	}
	return latin, extra
}

// isCombining reports the combining diacritic blocks Fold drops, so NFD input
// folds like NFC input.
func isCombining(r rune) bool {
	return r >= 0x300 && r <= 0x36f || r >= 0x1ab0 && r <= 0x1aff || r >= 0x1dc0 && r <= 0x1dff ||
		r >= 0x20d0 && r <= 0x20ff || r >= 0xfe20 && r <= 0xfe2f
}

// Fold makes a search key: lower case, no diacritics, đ → d, the same for NFC
// and NFD input and for either tone placement ("Thủy", "Thuỷ" → "thuy").
// It is a table walk over runes, not a transform chain, because it runs over
// every name when a file opens; ASCII lower-case input is returned as is.
func Fold(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r < 0x250:
			if f := foldLatin[r]; f != 0 {
				b.WriteByte(f)
				continue
			}
		case r >= 0x1e00 && r < 0x1f00:
			if f := foldExtra[r-0x1e00]; f != 0 {
				b.WriteByte(f)
				continue
			}
		case isCombining(r):
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// MatchFold reports whether the folded needle occurs in the folded haystack.
func MatchFold(haystackFolded, needleFolded string) bool {
	return strings.Contains(haystackFolded, needleFolded)
}

// Query is a search prepared once and ranked against many rows, so a filter
// over 100,000 names folds the query once, not once per row.
type Query struct {
	lower  string // cleaned, NFC, lower case: for the exact-accent match
	folded string
}

// NewQuery prepares q for Rank.
func NewQuery(q string) Query {
	c := Clean(q)
	return Query{lower: strings.ToLower(c), folded: Fold(c)}
}

// Empty reports whether the query matches everything.
func (q Query) Empty() bool { return q.folded == "" }

// Rank scores a row: -1 no match; 0 the query, accents included, occurs in
// original ignoring case; 1 the folded query starts a word of folded; 2 it
// occurs elsewhere in folded. Lower is better, so someone who typed "Lê" sees
// "Lê" before "Lệ" and "Lễ". An empty query ranks everything 0.
func (q Query) Rank(original, folded string) int {
	if q.folded == "" {
		return 0
	}
	idx := strings.Index(folded, q.folded)
	if idx < 0 {
		return -1
	}
	// Only rows that already match folded pay for lower-casing the original.
	if strings.Contains(strings.ToLower(NFC(original)), q.lower) {
		return 0
	}
	for idx >= 0 {
		if idx == 0 || isWordBreak(folded[idx-1]) {
			return 1
		}
		next := strings.Index(folded[idx+1:], q.folded)
		if next < 0 {
			break
		}
		idx += 1 + next
	}
	return 2
}

func isWordBreak(c byte) bool { return c == ' ' || c == '-' || c == '\'' || c == '(' }

// MatchRank is Query.Rank for a single comparison; filters over many rows
// should build the Query once with NewQuery.
func MatchRank(original, folded, query string) int {
	return NewQuery(query).Rank(original, folded)
}
