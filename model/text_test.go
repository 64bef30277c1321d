package model

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Lê Thị Thủy")
	if nfd == "Lê Thị Thủy" {
		t.Fatal("test input is not decomposed")
	}
	if got := NFC(nfd); got != "Lê Thị Thủy" {
		t.Errorf("NFC(%q) = %q", nfd, got)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nguyen", "nguyen"},
		{"Nguyễn", "nguyen"},
		{norm.NFD.String("Nguyễn"), "nguyen"},
		{"NGUYỄN", "nguyen"},
		{"Đặng", "dang"},
		{"ĐẶNG", "dang"},
		{"Đức", "duc"},
		{"Ðức", "duc"}, // U+00D0 eth typed for Đ
		{"Thủy", "thuy"},
		{"Thuỷ", "thuy"},
		{norm.NFD.String("Thủy"), "thuy"},
		{norm.NFD.String("Thuỷ"), "thuy"},
		{"Trương Ưng Ơn", "truong ung on"},
		{"Hoàng Thị Ánh Tuyết", "hoang thi anh tuyet"},
		{"Lê Văn Ấn-Ộ", "le van an-o"},
		{"Bùi Quốc Việt", "bui quoc viet"},
		{"Ỷ Ỳ Ỹ Ỵ Ý", "y y y y y"},
		{"Müller Ñandú", "muller nandu"},
		{"Ωmega", "ωmega"}, // outside Latin: lower-cased, kept
		{"", ""},
		{"123 abc", "123 abc"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every precomposed Vietnamese letter must fold to its base letter; a
// hand-typed table is where one of the 134 is forgotten.
func TestFoldAllVietnameseLetters(t *testing.T) {
	bases := map[string]string{
		"a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị",
		"o": "oòóỏõọôồốổỗộơờớởỡợ", "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ",
	}
	for base, letters := range bases {
		for _, r := range letters {
			for _, s := range []string{string(r), strings.ToUpper(string(r))} {
				for _, form := range []string{s, norm.NFD.String(s)} {
					if got := Fold(form); got != base {
						t.Errorf("Fold(%q) = %q, want %q", form, got, base)
					}
				}
			}
		}
	}
}

func TestFoldNoAllocForFoldedASCII(t *testing.T) {
	s := "nguyen van an"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII allocates %v times", n)
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Nguyễn Văn An", "Nguyễn Văn An"},
		{"trim and collapse", "  Nguyễn   Văn\tAn  ", "Nguyễn Văn An"},
		{"newlines become spaces", "Nguyễn\nVăn\r\nAn", "Nguyễn Văn An"},
		{"NFD becomes NFC", norm.NFD.String("Lê Thủy"), "Lê Thủy"},
		{"clear screen", "An\x1b[2J", "An"},
		{"colour", "\x1b[31mĐỏ\x1b[0m", "Đỏ"},
		{"CSI with params and private marker", "a\x1b[?1049hb", "ab"},
		{"OSC title with BEL", "a\x1b]0;pwned\x07b", "ab"},
		{"OSC hyperlink with ST", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"lone ESC at end", "An\x1b", "An"},
		{"unterminated OSC keeps text", "\x1b]Lan", "Lan"},
		{"C0 controls", "A\x00n\x07\x08h", "Anh"},
		{"DEL and C1", "A\x7fn\u0085h\u0090", "An h"},
		{"bidi override", "Lan\u202eabc", "Lanabc"},
		{"zero width and BOM", "\ufeffL\u200ban", "Lan"},
		{"no-break spaces", "Lê\u00a0\u00a0Lan", "Lê Lan"},
		{"invalid UTF-8 stays visible", "a\xffb", "a\ufffdb"},
		{"only junk", " \x1b[0m\t ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestCleanMultiline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dòng 1\ndòng 2", "dòng 1\ndòng 2"},
		{"dòng 1\r\ndòng 2\r\n", "dòng 1\ndòng 2"},
		{"\n\n  a  b  \n\n\n\n  c \n", "a b\n\nc"},
		{"a\x1b[31m\nb\tc", "a\nb c"},
		{"a\u2028b", "a\nb"},
		{"   \n \n", ""},
	}
	for _, tt := range tests {
		got := CleanMultiline(tt.in)
		if got != tt.want {
			t.Errorf("CleanMultiline(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := CleanMultiline(got); again != got {
			t.Errorf("CleanMultiline not idempotent: %q → %q", got, again)
		}
	}
}

func TestCleanNoAllocWhenClean(t *testing.T) {
	for _, s := range []string{"Nguyễn Văn An", "Thôn Đông, xã Trường Sơn"} {
		if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
			t.Errorf("Clean(%q) allocates %v times", s, n)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nguyễn Văn An", "Nguyễn Văn An"},
		{"An\x1b[2J", `An\x1b[2J`},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"a\x00\x7f", `a\x00\x7f`},
		{"a\u009bb", `a\u009bb`},
		{"a\u202eb", `a\u202eb`},
		{"a\xffb", `a\xffb`},
		{"", ""},
	}
	for _, tt := range tests {
		got := Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, r := range got {
			if r < 0x20 || r >= 0x7f && r <= 0x9f {
				t.Errorf("Escape(%q) left control %U", tt.in, r)
			}
		}
		if !utf8.ValidString(got) {
			t.Errorf("Escape(%q) = %q is not valid UTF-8", tt.in, got)
		}
	}
	s := "Hoàng Thị Ánh Tuyết"
	if n := testing.AllocsPerRun(100, func() { _ = Escape(s) }); n != 0 {
		t.Errorf("Escape of clean text allocates %v times", n)
	}
}

func TestSortKeyVietnameseOrder(t *testing.T) {
	// Each list is in correct Vietnamese order.
	tests := []struct {
		name string
		want []string
	}{
		{"đ after every d", []string{"Dung", "Dương", "Đào", "Đức", "Em"}},
		{"a ă â are letters", []string{"Anh", "Ăn", "Ân", "Ba"}},
		{"a ă â on the first letter", []string{"Az", "Ăa", "Âa", "B"}},
		{"o ô ơ", []string{"Oz", "Ôa", "Ơa", "P"}},
		{"u ư", []string{"Uz", "Ưa", "V"}},
		{"e ê", []string{"Ez", "Êa", "G"}},
		// Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
		{"tone only breaks ties", []string{"Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ạnh", "Ăn"}},
		{"shorter first", []string{"An", "Anh", "Ánh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.want)
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
			slices.SortFunc(got, func(a, b string) int { return strings.Compare(SortKey(a), SortKey(b)) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("sorted %v, want %v", got, tt.want)
			}
		})
	}
	if SortKey("Thủy") != SortKey(norm.NFD.String("Thủy")) {
		t.Error("NFC and NFD keys differ")
	}
}

func TestNameSortKey(t *testing.T) {
	want := []string{
		"Nguyễn Văn An",
		"Trần Thị An",
		"Lê Anh",
		"Trần Thị Bình",
		"Bình", // one word: a given name with no rest sorts before longer rests
		"Phạm Bình",
		"Đỗ Văn Dũng",
		"Hoàng Đức",
		"Nguyễn Thị Lan",
		"Lê Văn Lan",
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortStableFunc(got, CompareNames)
	pos := map[string]int{}
	for i, n := range got {
		pos[n] = i
	}
	before := [][2]string{
		{"Nguyễn Văn An", "Trần Thị Bình"}, // given names first: An < Bình
		{"Lê Anh", "Trần Thị Bình"},
		{"Trần Thị An", "Nguyễn Văn An"}, // same given name: middle name Thị < Văn
		{"Trần Thị An", "Lê Anh"},        // An < Anh
		{"Bình", "Phạm Bình"},            // no middle or family name first
		{"Phạm Bình", "Trần Thị Bình"},   // then the rest: "Phạm" < "Thị Trần"
		{"Nguyễn Thị Lan", "Lê Văn Lan"}, // middle before family: Thị < Văn, whatever the family
		{"Đỗ Văn Dũng", "Hoàng Đức"},     // Dũng < Đức: đ after d
		{"Trần Thị Bình", "Đỗ Văn Dũng"},
	}
	for _, b := range before {
		if pos[b[0]] >= pos[b[1]] {
			t.Errorf("%q should sort before %q; got %v", b[0], b[1], got)
		}
	}
	if c := CompareNames("Nguyễn Văn An", "NGUYỄN VĂN AN"); c == 0 {
		t.Error("case should still break the tie so the order is stable")
	}
	if c := CompareNames("Nguyễn Văn An", "Nguyễn  Văn  An"); c != 0 {
		t.Errorf("extra spaces change the order: %d", c)
	}
	if c := CompareNames("Lê Văn Tám", "Lê Văn Tám"); c != 0 {
		t.Errorf("CompareNames(same) = %d", c)
	}
}

// A NameKeyer remembers each part's key; its keys must be NameSortKey's,
// byte for byte, for names met first and met again.
func TestNameKeyerAgreesWithNameSortKey(t *testing.T) {
	names := append(textBenchNames(3000), "", " ", "Bình", "Lê  Anh ", "Nguyễn  Văn  An", "NGUYỄN VĂN AN",
		"Thu\u0309y", "Đỗ Thị Thu Hà", "a b c d e")
	k := NewNameKeyer(8)
	for round := range 2 {
		for _, n := range names {
			if got, want := k.SortKey(n), NameSortKey(n); got != want {
				t.Fatalf("round %d, %q: NameKeyer %x, NameSortKey %x", round, n, got, want)
			}
		}
	}
}

// Collators are not safe for concurrent use; the pool must make SortKey so.
// Run with -race to make this test mean something.
func TestSortKeyConcurrent(t *testing.T) {
	names := textBenchNames(2000)
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = NameSortKey(n)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i, n := range names {
				if NameSortKey(n) != want[i] || SortKey(n) == "" {
					errs <- n
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for n := range errs {
		t.Errorf("concurrent key for %q differs", n)
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct{ in, family, middle, given string }{
		{"Nguyễn Văn An", "Nguyễn", "Văn", "An"},
		{"Hoàng Thị Ánh Tuyết", "Hoàng", "Thị Ánh", "Tuyết"},
		{"Lê Lan", "Lê", "", "Lan"},
		{"Lan", "", "", "Lan"},
		{"  ", "", "", ""},
	}
	for _, tt := range tests {
		f, m, g := SplitName(tt.in)
		if f != tt.family || m != tt.middle || g != tt.given {
			t.Errorf("SplitName(%q) = %q, %q, %q", tt.in, f, m, g)
		}
	}
}

func TestMatchRank(t *testing.T) {
	tests := []struct {
		original, query string
		want            int
	}{
		{"Nguyễn Văn An", "Nguyễn", 0},
		{"Nguyễn Văn An", "nguyễn", 0},
		{"NGUYỄN VĂN AN", "văn an", 0},
		{"Nguyễn Văn An", norm.NFD.String("Nguyễn"), 0},
		{"Nguyễn Văn An", "nguyen", 1},
		{"Nguyễn Văn An", "van", 1},
		{"Nguyễn Văn An", "guyen", 2},
		{"Nguyễn Văn An", "uyễn", 0}, // accents match exactly: still the best rank
		{"Nguyễn Văn An", "xyz", -1},
		{"Nguyễn Văn An", "", 0},
		{"Lệ Thu", "Lê", 1}, // folds alike, but the accents differ
		{"Lê Thu", "Lê", 0},
		{"Đặng Thu", "dang", 1},
		{"Thuỷ", "Thủy", 1},     // tone placement variants meet only when folded
		{"Ngô Tân Ấn", "an", 1}, // "an" inside "tan" first, then the word "Ấn"
		{"Ngô Tân", "an", 2},
	}
	for _, tt := range tests {
		if got := MatchRank(tt.original, Fold(tt.original), tt.query); got != tt.want {
			t.Errorf("MatchRank(%q, %q) = %d, want %d", tt.original, tt.query, got, tt.want)
		}
	}
	if !MatchFold(Fold("Đặng Thị Huệ"), Fold("hue")) || MatchFold("dang", "hue") {
		t.Error("MatchFold")
	}
	if !NewQuery("  ").Empty() || NewQuery("a").Empty() {
		t.Error("Query.Empty")
	}
}

// Vietnamese name parts weighted roughly by frequency, for benchmarks.
var (
	textBenchFamily = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
		"Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Hà", "Lương", "Trịnh", "Đinh"}
	textBenchMiddle = []string{"Văn", "Thị", "Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Xuân", "Thu",
		"Quốc", "Gia", "Bảo", "Thị Thu", "Văn Quang", "Hoài", "Kim", "Mạnh", "Phương"}
	textBenchGiven = []string{"An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dũng", "Dương", "Đạt", "Đức", "Giang",
		"Hà", "Hải", "Hằng", "Hạnh", "Hiếu", "Hoa", "Hùng", "Huệ", "Hương", "Khánh", "Lan", "Linh", "Long",
		"Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Oanh", "Phong", "Phúc", "Quân", "Quỳnh", "Sơn",
		"Tâm", "Thảo", "Thắng", "Thủy", "Thuỷ", "Trang", "Trung", "Tuấn", "Tuyết", "Uyên", "Việt", "Yến", "Ân", "Ất"}
)

func textBenchNames(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	out := make([]string, n)
	for i := range out {
		out[i] = textBenchFamily[r.IntN(len(textBenchFamily))] + " " + textBenchMiddle[r.IntN(len(textBenchMiddle))] + " " +
			textBenchGiven[r.IntN(len(textBenchGiven))]
		if i%10 == 0 { // some files hold NFD text from a Mac or a web form
			out[i] = norm.NFD.String(out[i])
		}
	}
	return out
}

func BenchmarkFold100k(b *testing.B) {
	names := textBenchNames(100_000)
	b.ResetTimer()
	for b.Loop() {
		for _, n := range names {
			_ = Fold(n)
		}
	}
}

// BenchmarkSortKeys100k is what opening a 100,000-candidate file costs for
// search and sort keys: Fold plus NameSortKey per name, then the sort.
func BenchmarkSortKeys100k(b *testing.B) {
	names := textBenchNames(100_000)
	type row struct{ folded, key string }
	rows := make([]row, len(names))
	b.ResetTimer()
	for b.Loop() {
		for i, n := range names {
			rows[i] = row{Fold(n), NameSortKey(n)}
		}
		slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.key, b.key) })
	}
}

func BenchmarkQueryRank100k(b *testing.B) {
	names := textBenchNames(100_000)
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = Fold(n)
	}
	b.ResetTimer()
	for b.Loop() {
		q := NewQuery("thuy")
		for i := range names {
			_ = q.Rank(names[i], folded[i])
		}
	}
}

// A hostile old file must not make Clean quadratic.
func TestCleanLinear(t *testing.T) {
	for _, unit := range []string{"\x1b]", "\u009d", "\x1b[", "\x1b", "\x1b]x\x1b"} {
		s := strings.Repeat(unit, 200_000)
		if got := Clean(s); strings.ContainsAny(got, "\x1b\u009d") {
			t.Errorf("Clean(%q×n) kept a control", unit)
		}
	}
}
