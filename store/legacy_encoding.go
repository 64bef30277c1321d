package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"nguon/model"
)

// Legacy Vietnamese encodings. Old office files were typed with the ABC
// (TCVN3, fonts .VnTime) or VNI (fonts VNI-Times) keyboards: every letter is
// a byte that only the font draws as Vietnamese. Excel keeps those bytes as
// the Windows-1252 characters they are ("NguyÔn V¨n An", "Nguyeãn Vaên
// An"), and a CSV saved by Excel on a Vietnamese Windows is Windows-1258.
// An import recognises these by decoding the text every possible way and
// counting the words that come out as Vietnamese syllables.

// Encoding is how the text of an imported file was written.
type Encoding int

// Encodings an import recognises.
const (
	EncUnicode Encoding = iota
	EncTCVN3
	EncVNI
	EncCP1258
	// EncMojibake is UTF-8 that a program read as Windows-1252 and saved
	// again ("Nguyá»…n"): a CSV opened without saying it is UTF-8.
	EncMojibake
)

// Name is what a clerk's tools (Unikey's converter) call the encoding.
func (e Encoding) Name() string {
	switch e {
	case EncTCVN3:
		return "TCVN3 (ABC)"
	case EncVNI:
		return "VNI Windows"
	case EncCP1258:
		return "Windows-1258"
	case EncMojibake:
		return "UTF-8 (đọc nhầm thành Windows-1252 / read as Windows-1252)"
	}
	return "Unicode"
}

// ErrLegacyEncoding is returned when a file is in an old Vietnamese
// encoding that could not be converted with confidence.
var ErrLegacyEncoding = newError(
	"Tệp dùng một bảng mã tiếng Việt cũ (không phải Unicode) mà nguon không chuyển được chắc chắn; hãy mở tệp bằng Unikey Toolkit, chuyển sang Unicode rồi lưu lại.",
	"The file uses an old Vietnamese encoding (not Unicode) that nguon cannot convert with confidence; convert it to Unicode with Unikey Toolkit and save it again.")

// tcvn3 maps the bytes of TCVN 5712:1993 VN3 (the ABC keyboard's .VnTime
// fonts) to Unicode; 0 marks a byte VN3 does not use. Capitals with a tone
// mark are not in VN3: they were typed in the .VnTimeH fonts with the
// lower-case codes, so they come out in lower case.
var tcvn3 = func() (t [256]rune) {
	for i := range 0x80 {
		t[i] = rune(i)
	}
	set := func(from byte, rs string) {
		for _, r := range rs {
			t[from] = r
			from++
		}
	}
	set(0xA1, "ĂÂÊÔƠƯĐăâêôơưđ")
	set(0xB5, "àảãáạ")
	set(0xBB, "ằẳẵắ")
	set(0xC6, "ặầẩẫấậè")
	set(0xCE, "ẻẽéẹềểễếệìỉ")
	set(0xDC, "ĩíịò")
	set(0xE1, "ỏõóọồổỗốộờởỡớợù")
	set(0xF1, "ủũúụừửữứựỳỷỹýỵ")
	return t
}()

// VNI writes a letter as its base vowel followed by one character for the
// marks. vniMark says which marks: a shape (circumflex or breve) and a tone.
type vniMark struct{ shape, tone rune }

const (
	circ  = '\u0302'
	breve = '\u0306'
	acute = '\u0301'
	grave = '\u0300'
	hook  = '\u0309'
	tilde = '\u0303'
	dot   = '\u0323'
)

var vniMarks = func() map[rune]vniMark {
	m := map[rune]vniMark{}
	add := func(lower, upper string, shape rune, tones []rune) {
		lr, ur := []rune(lower), []rune(upper)
		for i, t := range tones {
			m[lr[i]] = vniMark{shape, t}
			m[ur[i]] = vniMark{shape, t}
		}
	}
	add("ùøûõï", "ÙØÛÕÏ", 0, []rune{acute, grave, hook, tilde, dot})
	add("âáàåãä", "ÂÁÀÅÃÄ", circ, []rune{0, acute, grave, hook, tilde, dot})
	add("êéèúüë", "ÊÉÈÚÜË", breve, []rune{0, acute, grave, hook, tilde, dot})
	return m
}()

// vniSingle are the letters VNI writes as one character.
var vniSingle = map[rune]rune{
	'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư', 'ñ': 'đ', 'Ñ': 'Đ',
	'æ': 'ỉ', 'Æ': 'Ỉ', 'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị', 'î': 'ỵ', 'Î': 'Ỵ',
}

// decodeVNI turns VNI text read as Windows-1252 into Unicode.
func decodeVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		base := r
		if v, ok := vniSingle[r]; ok {
			base = v
		}
		if i+1 < len(rs) && strings.ContainsRune("aeouyAEOUYôÔöÖ", r) {
			if m, ok := vniMarks[rs[i+1]]; ok && vniFits(base, m) {
				var t strings.Builder
				t.WriteRune(base)
				if m.shape != 0 {
					t.WriteRune(m.shape)
				}
				if m.tone != 0 {
					t.WriteRune(m.tone)
				}
				b.WriteString(norm.NFC.String(t.String()))
				i++
				continue
			}
		}
		b.WriteRune(base)
	}
	return b.String()
}

// vniFits reports whether a mark may follow a base letter: a circumflex on
// a, e and o, a breve on a, tones on every vowel.
func vniFits(base rune, m vniMark) bool {
	switch unicode.ToLower(base) {
	case 'a':
		return true
	case 'e', 'o':
		return m.shape != breve
	case 'u', 'y', 'ơ', 'ư':
		return m.shape == 0
	}
	return false
}

// cp1252 maps the characters of Windows-1252 back to their bytes; a legacy
// text in a spreadsheet is the Windows-1252 reading of its bytes.
var cp1252 = func() map[rune]byte {
	m := map[rune]byte{}
	for b := 0x80; b < 0x100; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r != utf8.RuneError {
			m[r] = byte(b)
		}
	}
	return m
}()

// cp1252Bytes returns the Windows-1252 bytes of s; false when s holds a
// character Windows-1252 does not have (then it is real Unicode text).
func cp1252Bytes(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x80 || r >= 0xA0 && r < 0x100 {
			out = append(out, byte(r))
			continue
		}
		b, ok := cp1252[r]
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// decodeTCVN3 decodes VN3 bytes; false when a byte is not one VN3 uses.
func decodeTCVN3(b []byte) (string, bool) {
	var sb strings.Builder
	sb.Grow(len(b) * 2)
	for _, c := range b {
		r := tcvn3[c]
		if r == 0 && c != 0 {
			if c == 0xA0 {
				r = ' '
			} else {
				return "", false
			}
		}
		sb.WriteRune(r)
	}
	return sb.String(), true
}

// decodeAs decodes the legacy bytes b of one text as e.
func decodeAs(e Encoding, b []byte) (string, bool) {
	switch e {
	case EncTCVN3:
		return decodeTCVN3(b)
	case EncVNI:
		s, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		return decodeVNI(string(s)), true
	case EncCP1258:
		s, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		return norm.NFC.String(string(s)), true
	case EncMojibake:
		return norm.NFC.String(string(b)), hasNonASCII(string(b)) && utf8.Valid(b)
	}
	return string(b), utf8.Valid(b)
}

// Vietnamese syllables, for telling a good decoding from a bad one: an
// initial consonant, a vowel nucleus and a final consonant, with at most
// one tone mark.
var (
	viInitials = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	viFinals = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t", ""}
	viNuclei = func() map[string]bool {
		m := map[string]bool{}
		for _, n := range strings.Fields(`a ă â e ê i o ô ơ u ư y
			ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê
			oai oay oao oeo uây uôi uya uyê uyu ươi ươu iêu yêu uơi`) {
			m[n] = true
		}
		return m
	}()
)

func isTone(r rune) bool {
	return r == acute || r == grave || r == hook || r == tilde || r == dot
}

// isSyllable reports whether w (one word) is a Vietnamese syllable.
func isSyllable(w string) bool {
	tones := 0
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if isTone(r) {
			tones++
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if tones > 1 {
		return false
	}
	s := norm.NFC.String(b.String())
	for _, r := range s {
		if !strings.ContainsRune("abcdđeghiklmnopqrstuvxyăâêôơư", r) {
			return false
		}
	}
	for _, ini := range viInitials {
		if !strings.HasPrefix(s, ini) {
			continue
		}
		rest := s[len(ini):]
		for _, fin := range viFinals {
			if strings.HasSuffix(rest, fin) && viNuclei[rest[:len(rest)-len(fin)]] {
				return true
			}
		}
	}
	return false
}

// words splits text at spaces and ASCII punctuation and digits only: the
// Latin-1 signs (¸ µ ¨) are letters of a legacy encoding.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || unicode.IsSpace(r) || r == 0xA0
	})
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// syllableScore counts the words of s with a non-ASCII letter (the only
// ones an encoding changes) and how many of them are syllables.
func syllableScore(s string) (words_, good int) {
	for _, w := range words(s) {
		if !hasNonASCII(w) {
			continue
		}
		words_++
		if isSyllable(w) {
			good++
		}
	}
	return
}

// legacyGuess is what the texts of a file say about their encoding.
type legacyGuess struct {
	enc   Encoding
	words int // words with a non-ASCII letter among the candidate texts
	good  [5]int
}

// guessStrings looks at the texts of a spreadsheet (already Unicode) and
// says whether they are TCVN3 or VNI read as Windows-1252. Texts holding a
// character Windows-1252 lacks (ễ, ă, ơ…) are real Unicode and left out.
func guessStrings(texts []string) legacyGuess {
	var g guesser
	for _, s := range texts {
		g.add(s)
	}
	return g.result()
}

// guesser is guessStrings fed one text at a time, as a file is read.
type guesser struct {
	g     legacyGuess
	seen  map[string]bool
	bytes int
	done  bool
}

func (u *guesser) add(s string) {
	if u.done || !hasNonASCII(s) || u.seen[s] {
		return
	}
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	// Enough to tell; the bytes are bounded too, as the texts are kept.
	if len(u.seen) >= maxGuessTexts || u.bytes > maxGuessBytes {
		u.done = true
		return
	}
	s = strings.Clone(s) // not the row it was cut from
	u.seen[s] = true
	u.bytes += len(s)
	b, ok := cp1252Bytes(s)
	if !ok {
		return
	}
	g := &u.g
	n, good := syllableScore(s)
	g.words += n
	g.good[EncUnicode] += good
	for _, e := range []Encoding{EncTCVN3, EncVNI, EncMojibake} {
		if d, ok := decodeAs(e, b); ok {
			_, good := syllableScore(d)
			g.good[e] += good
		}
	}
}

func (u *guesser) result() legacyGuess {
	g := u.g
	g.enc = g.best()
	return g
}

// maxGuessBytes bounds the texts a guess keeps to tell them apart.
const maxGuessBytes = 4 << 20

// maxGuessTexts is how many different texts a guess looks at.
const maxGuessTexts = 5000

// best picks the encoding whose decoding gives the most syllables; a legacy
// one must beat Unicode and read at least half the words.
func (g legacyGuess) best() Encoding {
	best := EncUnicode
	for _, e := range []Encoding{EncMojibake, EncTCVN3, EncVNI, EncCP1258} {
		if g.good[e] > g.good[best] && 2*g.good[e] >= g.words {
			best = e
		}
	}
	return best
}

// unreadable reports texts that are neither good Unicode Vietnamese nor
// any legacy encoding nguon knows: most words with a non-ASCII letter fail.
func (g legacyGuess) unreadable() bool {
	return g.enc == EncUnicode && g.words >= 5 && 10*g.good[EncUnicode] < 3*g.words
}

// fix converts one text of a file found to be in g.enc. A text that is
// real Unicode, or that the conversion would make less Vietnamese, is left.
func (g legacyGuess) fix(s string) string {
	if g.enc == EncUnicode || g.enc == EncCP1258 || !hasNonASCII(s) {
		return s
	}
	b, ok := cp1252Bytes(s)
	if !ok {
		return s
	}
	d, ok := decodeAs(g.enc, b)
	if !ok {
		return s
	}
	_, before := syllableScore(s)
	_, after := syllableScore(d)
	if after > before || after == before && strongLegacy(s) && g.enc != EncMojibake {
		return d
	}
	return s
}

// unicodeLatin1 are the letters of real Vietnamese text that Windows-1252
// also has; a legacy text made of these only (and ASCII) may be Unicode
// ("Thôn", "Lê"), so it is converted only when that reads better.
const unicodeLatin1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"

// strongLegacy reports a character no Vietnamese Unicode text has.
func strongLegacy(s string) bool {
	for _, r := range s {
		if r >= 0x80 && !strings.ContainsRune(unicodeLatin1, r) {
			return true
		}
	}
	return false
}

// cleanForMatch is model.Fold with every run of non-letters and non-digits
// made one space: how headers and choices are compared.
func cleanForMatch(s string) string {
	f := model.Fold(model.Clean(s))
	var b strings.Builder
	space := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}
