package model

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C. Telex and VNI input methods,
// macOS file names and some web pages produce decomposed (NFD) Vietnamese,
// which would otherwise compare, index and delete differently.
func NFC(s string) string { return norm.NFC.String(s) }

// Clean is what every one-line text field goes through on entry and save:
// terminal escape sequences and control characters are removed (a pasted
// "\x1b[31m" would otherwise recolour the screen every time the name is drawn),
// tabs, line breaks and odd Unicode spaces become single spaces, the ends are
// trimmed, and the result is NFC. Invalid UTF-8 becomes U+FFFD so the damage
// stays visible instead of vanishing.
func Clean(s string) string { return clean(s, false) }

// CleanMultiline is Clean for notes: line breaks are kept ("\r\n" becomes
// "\n"), spaces are trimmed at both ends of each line and collapsed inside it,
// and runs of blank lines shrink to one.
func CleanMultiline(s string) string { return clean(s, true) }

func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	b := make([]byte, 0, len(s))
	lineHas := false // the current line already has visible text
	space := false   // a space is owed before the next visible rune
	newlines := 0    // line breaks owed before the next visible rune
	noTerm := len(s) // no control-string terminator at or after this index
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i = skipEscape(s, i, &noTerm)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+n)
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS, SOS, OSC, PM, APC
			i = skipControlString(s, i+n, &noTerm)
			continue
		}
		i += n
		switch {
		case r == '\r' || r == '\n' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			if r == '\r' && i < len(s) && s[i] == '\n' {
				i++
			}
			if !multiline {
				space = lineHas
				continue
			}
			space = false
			if len(b) > 0 || newlines > 0 {
				newlines++
			}
			lineHas = false
		case isSpaceRune(r):
			space = lineHas
		case isStrippedRune(r):
			// dropped
		default:
			if newlines > 0 {
				if len(b) > 0 {
					b = append(b, '\n')
					if newlines > 1 {
						b = append(b, '\n')
					}
				}
				newlines = 0
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = utf8.AppendRune(b, r) // RuneError for invalid bytes
			lineHas = true
		}
	}
	return string(norm.NFC.Bytes(b))
}

// isClean reports, without allocating, whether clean would return s unchanged.
// It may say false for clean text: that only costs the slow path.
func isClean(s string, multiline bool) bool {
	var prev byte // 0 at the start
	newlines := 0 // consecutive line breaks just seen
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prev == 0 || prev == ' ' || prev == '\n' {
					return false
				}
			case c == '\n':
				if !multiline || prev == 0 || prev == ' ' || newlines == 2 {
					return false
				}
				newlines++
			case c < 0x20 || c == 0x7f:
				return false
			}
			if c != '\n' {
				newlines = 0
			}
			prev = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || isSpaceRune(r) || isStrippedRune(r) ||
			r == 0x85 || r == 0x2028 || r == 0x2029 {
			return false
		}
		prev, newlines = 'x', 0
		i += n
	}
	if prev == ' ' || prev == '\n' {
		return false
	}
	// QuickSpanString, unlike IsNormalString, does not allocate.
	return norm.NFC.QuickSpanString(s) == len(s)
}

// isSpaceRune reports the runes Clean turns into an ordinary space: tab and the
// Unicode spaces that word processors and web pages paste (no-break, thin, ideographic…).
func isSpaceRune(r rune) bool {
	switch {
	case r == ' ' || r == '\t' || r == 0xa0 || r == 0x1680 || r == 0x202f || r == 0x205f || r == 0x3000:
		return true
	case r >= 0x2000 && r <= 0x200a:
		return true
	}
	return false
}

// isStrippedRune reports the invisible runes Clean removes: C0 and C1 controls,
// DEL, and format characters (zero-width, bidirectional overrides, BOM, soft
// hyphen) that make two equal-looking names differ or reorder text on screen.
func isStrippedRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xad, r == 0x61c, r == 0x180e, r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	case r >= 0xfff9 && r <= 0xfffb:
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence starting at s[i] == ESC.
// The grammar is ECMA-48's: CSI, control strings (OSC, DCS, SOS, PM, APC) and
// the two- or three-byte nF/Fp/Fe/Fs forms. A malformed sequence loses only its ESC.
func skipEscape(s string, i int, noTerm *int) int {
	j := i + 1
	if j >= len(s) {
		return j
	}
	switch c := s[j]; {
	case c == '[':
		return skipCSI(s, j+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipControlString(s, j+1, noTerm)
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		j++
	}
	return j
}

// skipCSI skips the parameter, intermediate and final bytes of a control sequence.
func skipCSI(s string, j int) int {
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		j++
	}
	return j
}

// skipControlString skips a control string (e.g. an OSC title or hyperlink)
// whose body begins at j, through its BEL or ST terminator. An unterminated
// string drops only its introducer: swallowing the rest of a pasted name would
// lose data, and the body's own controls are stripped anyway. noTerm remembers
// where a search found no terminator, so many unterminated strings stay linear.
func skipControlString(s string, j int, noTerm *int) int {
	if j >= *noTerm {
		return j
	}
	for k := j; k < len(s); k++ {
		switch {
		case s[k] == 0x07:
			return k + 1
		case s[k] == 0x1b && k+1 < len(s) && s[k+1] == '\\':
			return k + 2
		case s[k] == 0xc2 && k+1 < len(s) && s[k+1] == 0x9c: // 8-bit ST in UTF-8
			return k + 2
		}
	}
	*noTerm = j
	return j
}

// Escape makes text safe to draw in a terminal: control and invisible format
// characters that may survive in old files are shown as visible escapes
// ("\x1b", "\n", "\u202e") and invalid bytes as "\xff". Text with nothing to
// escape is returned as is, without allocating, since it runs on every cell drawn.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			writeHex(&b, uint32(s[i]), 2)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			writeHex(&b, uint32(r), 2)
		case needsEscape(r, n):
			b.WriteString(`\u`)
			writeHex(&b, uint32(r), 4)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(r rune, n int) bool {
	return r == utf8.RuneError && n == 1 || isStrippedRune(r) || r == 0x2028 || r == 0x2029
}

func writeHex(b *strings.Builder, v uint32, digits int) {
	const hex = "0123456789abcdef"
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		b.WriteByte(hex[v>>uint(shift)&0xf])
	}
}

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

// A collate.Collator keeps iteration state and is not safe for concurrent
// use, so each goroutine borrows one (with its key buffer) from a pool.
type viCollator struct {
	c   *collate.Collator
	buf collate.Buffer
}

var collators = sync.Pool{New: func() any {
	return &viCollator{c: collate.New(language.Vietnamese)}
}}

// SortKey returns a byte-string key that orders like Vietnamese collation
// (CLDR "vi"): a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư, with tones and case
// only breaking ties. Compare keys with < or strings.Compare.
func SortKey(s string) string {
	vc := collators.Get().(*viCollator)
	vc.buf.Reset()
	k := string(vc.c.KeyFromString(&vc.buf, s))
	collators.Put(vc)
	return k
}

// nameKeySep joins the parts of a NameSortKey. Collation keys end in tertiary
// weights, which are never zero, so a zero byte sorts a shorter part first
// and keeps one part's bytes from being compared with the next part's.
const nameKeySep = 0

// SplitName splits a Vietnamese full name into family name (first word),
// middle names and given name (last word). A one-word name is a given name.
func SplitName(full string) (family, middle, given string) {
	full = strings.TrimSpace(full)
	last := strings.LastIndexFunc(full, unicode.IsSpace)
	if last < 0 {
		return "", "", full
	}
	given = full[last+1:]
	rest := strings.TrimSpace(full[:last])
	first := strings.IndexFunc(rest, unicode.IsSpace)
	if first < 0 {
		return rest, "", given
	}
	return rest[:first], strings.TrimSpace(rest[first:]), given
}

// NameSortKey orders people the way Vietnamese lists do: by given name (the
// last word), then middle names, then family name, so "Nguyễn Văn An" comes
// before "Trần Thị Bình". Runs of spaces inside the middle names matter only
// at the last collation level; names are Clean'ed before they get here.
func NameSortKey(fullName string) string {
	family, middle, given := SplitName(fullName)
	vc := collators.Get().(*viCollator)
	vc.buf.Reset()
	kg := vc.c.KeyFromString(&vc.buf, given)
	km := vc.c.KeyFromString(&vc.buf, middle)
	kf := vc.c.KeyFromString(&vc.buf, family)
	var b strings.Builder
	b.Grow(len(kg) + len(km) + len(kf) + 2)
	b.Write(kg)
	b.WriteByte(nameKeySep)
	b.Write(km)
	b.WriteByte(nameKeySep)
	b.Write(kf)
	collators.Put(vc)
	return b.String()
}

// CompareNames compares two full names in NameSortKey order (-1, 0 or +1).
func CompareNames(a, b string) int {
	return strings.Compare(NameSortKey(a), NameSortKey(b))
}
