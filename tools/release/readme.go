package main

import (
	"strings"
)

// readmeText is DOC-TRUOC.txt ("read first"), what a clerk sees first in
// the folder. For Windows it is UTF-8 with a byte order mark and CRLF line
// ends: Notepad then shows the Vietnamese letters on every Windows 10.
func readmeText(b build, t target) []byte {
	short := shortCommit(b.Commit)
	day := b.Time.Format("02/01/2006")
	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }
	add("nguon "+b.Version+": phần mềm theo dõi tạo nguồn, phát triển đảng viên",
		"Bản phát hành ngày "+day+" (commit "+short+").",
		"")
	if t.OS == "windows" {
		add("CÀI ĐẶT (không cần mạng Internet)",
			"1. Chép tệp nguon-"+b.Version+"-windows-"+t.Arch+".zip từ USB vào máy, ví dụ vào ổ D:.",
			"2. Bấm chuột phải vào tệp zip, chọn \"Extract All...\" (Giải nén tất cả), rồi mở thư mục",
			"   nguon-"+b.Version+" vừa giải nén.",
			"3. Bấm đúp vào nguon.exe. Lần đầu, chương trình cho chọn: bắt đầu với tệp trống,",
			"   xem thử dữ liệu mẫu, hoặc mở bản sao tệp dữ liệu từ USB (phím mũi tên, rồi Enter).",
			"",
			"Máy Windows 32-bit cũ: dùng bản nguon-"+b.Version+"-windows-386.zip.",
			"Nên phóng to cửa sổ (bấm đúp vào thanh tiêu đề) để thấy đủ các cột.",
			"",
			"TRONG THƯ MỤC NÀY",
			"  nguon.exe                 chương trình",
			"  HUONG-DAN-SU-DUNG.docx    hướng dẫn sử dụng (mở bằng Word)",
			"  du-lieu-mau.db            dữ liệu mẫu để tập: kéo thả tệp này vào nguon.exe để mở",
			"  DOC-TRUOC.txt             tệp này",
			"",
			"DỮ LIỆU CỦA XÃ",
			"Chương trình giữ dữ liệu trong một tệp: %AppData%\\nguon\\nguon.db (đường dẫn đầy đủ",
			"hiện ở dòng dưới cùng của màn hình). Chương trình tự sao lưu mỗi ngày; muốn chép sang",
			"máy khác, hãy thoát chương trình trước (phím q), hoặc trong chương trình gõ",
			"  :backup \"E:\\nguon-sao-luu.db\"",
			"",
			"KIỂM TRA BẢN PHÁT HÀNH",
			"Tệp SHA256SUMS đi kèm các tệp zip ghi mã SHA-256 của từng tệp. Trong PowerShell:",
			"  Get-FileHash nguon-"+b.Version+"-windows-"+t.Arch+".zip",
			"phải cho đúng mã ghi trong SHA256SUMS.")
	} else {
		add("CÀI ĐẶT",
			"1. Chép tệp nguon-"+b.Version+"-linux-"+t.Arch+".tar.gz vào máy.",
			"2. Giải nén: tar xzf nguon-"+b.Version+"-linux-"+t.Arch+".tar.gz",
			"3. Chạy trong cửa sổ dòng lệnh: ./nguon-"+b.Version+"/nguon",
			"   Lần đầu, chương trình cho chọn: bắt đầu với tệp trống, xem thử dữ liệu mẫu,",
			"   hoặc mở bản sao tệp dữ liệu từ USB.",
			"",
			"TRONG THƯ MỤC NÀY",
			"  nguon                     chương trình",
			"  HUONG-DAN-SU-DUNG.docx    hướng dẫn sử dụng",
			"  du-lieu-mau.db            dữ liệu mẫu để tập: ./nguon du-lieu-mau.db",
			"  DOC-TRUOC.txt             tệp này",
			"",
			"DỮ LIỆU CỦA XÃ",
			"Chương trình giữ dữ liệu trong một tệp: ~/.config/nguon/nguon.db (đường dẫn đầy đủ",
			"hiện ở dòng dưới cùng của màn hình).",
			"",
			"KIỂM TRA BẢN PHÁT HÀNH",
			"  sha256sum -c SHA256SUMS --ignore-missing")
	}
	text := strings.Join(lines, "\n") + "\n"
	if t.OS == "windows" {
		return []byte("\ufeff" + strings.ReplaceAll(text, "\n", "\r\n"))
	}
	return []byte(text)
}

// shortCommit is the first 12 hex digits of a commit, and "-dirty" if so.
func shortCommit(c string) string {
	hash, dirty := strings.CutSuffix(c, "-dirty")
	if len(hash) > 12 {
		hash = hash[:12]
	}
	if dirty {
		hash += "-dirty"
	}
	return hash
}
