package store

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestIsSyllable(t *testing.T) {
	for _, w := range []string{"Nguyễn", "trường", "khuya", "giữa", "quốc", "ngoằn", "thuở", "ý", "Đặng", "hương", "xoong", "yêu"} {
		if !isSyllable(w) {
			t.Errorf("%q is a syllable", w)
		}
	}
	for _, w := range []string{"nguyÔn", "v¨n", "Nguyeãn", "tröôøng", "ấá", "xyz", "mưỡà", "Höông"} {
		if isSyllable(w) {
			t.Errorf("%q is not a syllable", w)
		}
	}
}

// The decoding tables, letter by letter, for the vowels with each tone and
// the letters with a stroke, breve, circumflex or horn.
func TestLegacyTables(t *testing.T) {
	want := "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ"
	tcvn := "\xb5\xb6\xb7\xb8\xb9\xa8\xbb\xbc\xbd\xbe\xc6\xa9\xc7\xc8\xc9\xca\xcb\xae\xcc\xce\xcf\xd0\xd1\xaa\xd2\xd3\xd4\xd5\xd6" +
		"\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xab\xe5\xe6\xe7\xe8\xe9\xac\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xad\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe"
	if got, ok := decodeTCVN3([]byte(tcvn)); !ok || got != want {
		t.Errorf("TCVN3:\n got %s\nwant %s", got, want)
	}
	vni := "aø aû aõ aù aï aê aè aú aü aé aë aâ aà aå aã aá aä ñ eø eû eõ eù eï eâ eà eå eã eá eä ì æ ó í ò " +
		"oø oû oõ où oï oâ oà oå oã oá oä ô ôø ôû ôõ ôù ôï uø uû uõ uù uï ö öø öû öõ öù öï yø yû yõ yù î"
	if got := strings.ReplaceAll(decodeVNI(vni), " ", ""); got != want {
		t.Errorf("VNI:\n got %s\nwant %s", got, want)
	}
	if got := decodeVNI("ÑAËNG VAÊN HUY, Nguyeãn"); got != "ĐẶNG VĂN HUY, Nguyễn" {
		t.Errorf("VNI capitals: %s", got)
	}
}

// A file's texts decide its encoding; Unicode text stays as it is, even
// text Windows-1252 could hold ("Hà Nam", "Lê").
func TestGuessStrings(t *testing.T) {
	asSeen := func(b string) string { s, _ := charmap.Windows1252.NewDecoder().String(b); return s }
	tcvn := []string{"Hä vµ tªn", asSeen("Nguy\xd4n V\xa8n An"), asSeen("\xae\xc6ng Th\xde H\xad\xacng"), "Thôn/xóm"}
	g := guessStrings(tcvn)
	if g.enc != EncTCVN3 {
		t.Fatalf("guessed %v", g.enc.Name())
	}
	got := []string{}
	for _, s := range tcvn {
		got = append(got, g.fix(s))
	}
	if strings.Join(got, "|") != "Họ và tên|Nguyễn Văn An|đặng Thị Hương|Thôn/xóm" {
		t.Errorf("fixed: %q", got)
	}
	for _, texts := range [][]string{
		{"Hà Nam", "Lê", "Tú", "Nguyễn Văn An"},
		{"Họ và tên", "Ngày sinh", "Giới tính"},
		{"Smith", "O'Brien"},
	} {
		if g := guessStrings(texts); g.enc != EncUnicode || g.unreadable() {
			t.Errorf("%q guessed %v", texts, g.enc.Name())
		}
	}
	if g := guessStrings([]string{"Nguyeãn Vaên An", "Tröôøng Sôn", "Ñoaøn vieân"}); g.enc != EncVNI {
		t.Errorf("VNI guessed %v", g.enc.Name())
	}
	if g := guessStrings([]string{"þÿ¤ ¦§", "¤¤¤ ÿÿ", "¦¦ §§", "¤þ ÿ¦", "¤¤ ¤¤"}); !g.unreadable() {
		t.Errorf("junk not refused: %+v", g)
	}
}

// UTF-8 that a program read as Windows-1252 and saved again comes back.
func TestMojibake(t *testing.T) {
	seen := func(s string) string { d, _ := charmap.Windows1252.NewDecoder().String(s); return d }
	texts := []string{seen("Họ và tên"), seen("Nguyễn Văn An"), seen("Trường Sơn"), "Nam"}
	g := guessStrings(texts)
	if g.enc != EncMojibake || g.fix(texts[1]) != "Nguyễn Văn An" || g.fix("Nam") != "Nam" {
		t.Errorf("guessed %v, fixed %q", g.enc.Name(), g.fix(texts[1]))
	}
}
