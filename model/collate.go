package model

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Sorting: Vietnamese collation keys for text and for people's names.

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
	k := joinNameKey(kg, km, kf)
	collators.Put(vc)
	return k
}

// joinNameKey joins the keys of a name's parts, given name first.
func joinNameKey(given, middle, family []byte) string {
	var b strings.Builder
	b.Grow(len(given) + len(middle) + len(family) + 2)
	b.Write(given)
	b.WriteByte(nameKeySep)
	b.Write(middle)
	b.WriteByte(nameKeySep)
	b.Write(family)
	return b.String()
}

// NameKeyer makes NameSortKey keys for many names, remembering the key
// of each part: 100,000 people have tens of thousands of distinct full
// names but a few hundred distinct given, middle and family names, and
// collating is most of a key's cost. Not safe for concurrent use.
type NameKeyer struct {
	vc    *viCollator
	parts map[string][]byte
}

// NewNameKeyer returns a NameKeyer ready for about n distinct parts.
func NewNameKeyer(n int) *NameKeyer {
	return &NameKeyer{vc: &viCollator{c: collate.New(language.Vietnamese)}, parts: make(map[string][]byte, n)}
}

func (k *NameKeyer) part(s string) []byte {
	if key, ok := k.parts[s]; ok {
		return key
	}
	k.vc.buf.Reset()
	key := slices.Clone(k.vc.c.KeyFromString(&k.vc.buf, s))
	k.parts[s] = key
	return key
}

// SortKey returns NameSortKey(fullName).
func (k *NameKeyer) SortKey(fullName string) string {
	family, middle, given := SplitName(fullName)
	return joinNameKey(k.part(given), k.part(middle), k.part(family))
}

// CompareNames compares two full names in NameSortKey order (-1, 0 or +1).
func CompareNames(a, b string) int {
	return strings.Compare(NameSortKey(a), NameSortKey(b))
}
