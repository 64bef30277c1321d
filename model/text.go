package model

import (
	"strings"
	"unicode/utf8"

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
