package main

// The guide's chapters, in the order of its table of contents; guide.go
// holds what sets them (markup, pictures, headings).

import (
	"fmt"

	"nguon/model"
	"nguon/ui"
)

func (g *guide) titlePage(version string, day model.Date) {
	center := func(s string, size, before float64, bold, italic bool) {
		g.add(model.Para{Runs: []model.Run{{Text: s, Bold: bold, Italic: italic}}, Align: model.AlignCenter, Size: size, Before: before})
	}
	center("nguon", 28, 110, true, false)
	center("Phần mềm theo dõi công tác tạo nguồn, phát triển đảng viên", guideChapter, 6, false, false)
	center("HƯỚNG DẪN SỬ DỤNG", guideTitle, 48, true, false)
	center("Dành cho cán bộ văn phòng đảng ủy xã, phường, thị trấn", guideBody, 10, false, true)
	center("Phiên bản "+version, guideBody, 36, true, false)
	center("Ngày "+day.String(), guideBody, 4, false, false)
	g.add(model.Para{Runs: []model.Run{{Text: "Nội dung", Bold: true}}, Align: model.AlignLeft, Before: 60, KeepNext: true})
	for i, c := range chapters {
		g.add(model.Para{Runs: []model.Run{{Text: fmt.Sprintf("%d. %s", i+1, c)}}, Align: model.AlignLeft, KeepNext: i < len(chapters)-1, Indent: true})
	}
	g.add(model.Para{Runs: g.runs("Các hình màn hình trong tài liệu này do chính phiên bản " + version +
		" của nguon vẽ ra, trên **dữ liệu mẫu** (Đảng bộ xã Trường Sơn, tỉnh Thanh Hóa — một xã giả định, " +
		"không phải dữ liệu thật). Màn hình trên máy của đồng chí có thể rộng hơn và có số liệu của xã mình."),
		Size: guideSmall, Before: 24})
}

func (g *guide) install(version string) {
	g.chapterHead()
	g.p("nguon chạy trên máy tính xách tay hoặc để bàn dùng Windows, **không cần mạng Internet** và không cần cài thêm phần mềm nào. " +
		"Toàn bộ chương trình là một tệp `nguon.exe`; toàn bộ dữ liệu của xã nằm trong một tệp dữ liệu riêng (xem Mục 2). " +
		"Bộ cài được chép sang máy bằng USB, theo ba bước.")
	g.step(1, "Cắm USB vào máy, mở USB trong File Explorer (bấm đúp biểu tượng This PC/Máy tính rồi bấm đúp ổ USB). "+
		"Chép tệp `nguon-"+version+"-windows-amd64.zip` vào ổ `D:` (máy không có ổ D: thì chép vào ổ `C:`). "+
		"Bấm chuột phải vào tệp vừa chép, chọn **Extract All…** (Giải nén tất cả), gõ thư mục `D:\\nguon` rồi bấm **Extract** (Giải nén). "+
		"Máy cũ chạy Windows 32-bit (xem trong Settings → System → About, dòng System type) thì dùng tệp `nguon-"+version+"-windows-386.zip` thay cho tệp trên.")
	g.step(2, "Mở thư mục `D:\\nguon` và **bấm đúp vào `nguon.exe`**. Lần đầu, Windows có thể hiện khung cảnh báo "+
		"“Windows protected your PC” (Windows đã bảo vệ máy tính): bấm **More info** (Thông tin thêm) rồi **Run anyway** (Vẫn chạy). "+
		"Muốn lần sau mở nhanh: bấm chuột phải vào `nguon.exe`, chọn **Send to → Desktop (create shortcut)** "+
		"(Gửi tới → Màn hình nền) để có biểu tượng ngoài màn hình nền.")
	g.step(3, "Lần đầu chạy, tệp dữ liệu còn trống: chọn **“Xem thử dữ liệu mẫu”** để làm quen với chương trình, "+
		"hoặc **“Bắt đầu với tệp trống”** để nhập ngay dữ liệu của xã mình (xem Mục 2).")
	g.section("Cửa sổ và phông chữ")
	g.p("nguon hiện trong một cửa sổ chữ (cửa sổ dòng lệnh). Hãy **phóng to cửa sổ** cho hết màn hình (bấm nút ô vuông ở góc trên bên phải, " +
		"hoặc bấm `F11` trong Windows Terminal): màn hình càng rộng, càng đọc được nhiều. Cửa sổ cần rộng ít nhất 80 chữ và cao 24 dòng; " +
		"cửa sổ nhỏ hơn thì nguon chỉ hiện dòng “Cửa sổ quá nhỏ … Hãy phóng to cửa sổ lên ít nhất 80×24.”")
	g.p("Để chữ tiếng Việt hiện đủ dấu, cửa sổ cần dùng phông **Cascadia Mono** hoặc **Consolas**. Trong Windows Terminal: bấm `ctrl+,` " +
		"để mở Settings, chọn hồ sơ đang dùng → Appearance → Font face. Trong cửa sổ dòng lệnh cũ: bấm chuột phải vào thanh tiêu đề → " +
		"Properties → Font → Consolas.")
	g.p("Nếu nguon báo “Cửa sổ dòng lệnh cũ của Windows không chạy được nguồn”, hãy mở **Windows Terminal** (gõ `wt` trong menu Start), " +
		"gõ dòng dưới đây rồi bấm Enter:")
	g.typed(`D:\nguon\nguon.exe`)
	g.p("Khi có phiên bản mới, chỉ cần giải nén đè vào thư mục `D:\\nguon` (thoát nguon trước). Tệp dữ liệu không nằm trong thư mục này " +
		"nên không bị ảnh hưởng.")
}

func (g *guide) firstStart() {
	g.chapterHead()
	g.section("Tệp dữ liệu ở đâu")
	g.p("Mỗi lần bấm `ctrl+s` trong một biểu mẫu, và mỗi phím bấm trong cuộc họp, những gì đồng chí nhập được ghi ngay vào **một tệp dữ liệu** " +
		"(không có bước “lưu tệp” riêng): " +
		"`%AppData%\\nguon\\nguon.db`, tức là `C:\\Users\\<tên người dùng>\\AppData\\Roaming\\nguon\\nguon.db`. " +
		"Muốn mở thư mục này: trong File Explorer, gõ `%AppData%\\nguon` vào thanh địa chỉ rồi bấm Enter. " +
		"Đường dẫn đầy đủ của tệp đang mở luôn hiện ở dòng “Tệp:” phía dưới màn hình.")
	g.p("Tệp này là tài sản quý nhất: hãy sao lưu thường xuyên (Mục 7) và chỉ chép nó khi nguon đã đóng (Mục 6). " +
		"Mỗi lúc chỉ một cửa sổ nguon mở được tệp; cửa sổ thứ hai sẽ báo “Tệp dữ liệu đang được mở ở một cửa sổ nguon khác.”")
	g.section("Màn hình đầu tiên")
	g.p("Lần đầu chạy trên một máy, tệp dữ liệu chưa có gì và nguon hỏi đồng chí muốn bắt đầu thế nào (" + g.fig("welcome") + "). " +
		"Chọn bằng phím `↑`, `↓` rồi bấm Enter:")
	g.item("**Bắt đầu với tệp trống** — để nhập dữ liệu thật của xã mình. Việc đầu tiên là gõ `:caidat` rồi Enter để ghi tên đảng bộ, " +
		"tỉnh, cấp quyết định kết nạp và các ngày nghỉ lễ (bấm `ctrl+s` để lưu); sau đó vào thẻ **2 Chi bộ**, bấm `n` để thêm từng chi bộ, " +
		"`t` để ghi chỉ tiêu kết nạp của chi bộ.")
	g.item("**Xem thử dữ liệu mẫu** — một xã giả định (Đảng bộ xã Trường Sơn: 11 chi bộ, khoảng 60 quần chúng, các lớp bồi dưỡng và cuộc họp) " +
		"để tập dùng các phím mà không sợ làm hỏng gì. Dữ liệu mẫu nằm trong một tệp riêng, `nguon-mau.db`, cạnh tệp dữ liệu thật; " +
		"tệp thật vẫn trống. Ngày tháng trong dữ liệu mẫu tính theo hôm nay, nên lúc nào cũng có việc sắp đến hạn. " +
		"Lần sau bấm đúp `nguon.exe` là lại về tệp thật.")
	g.item("**Mở bản sao từ USB hoặc máy khác** — khi xã đã dùng nguon trên một máy khác và mang bản sao sang (xem Mục 6). " +
		"Dán đường dẫn của tệp bản sao (trong File Explorer: giữ Shift, bấm chuột phải vào tệp, chọn “Copy as path”) rồi bấm Enter; " +
		"bản sao được kiểm tra trước, rồi mới chép vào làm tệp dữ liệu của máy này.")
	g.withStore(g.empty, func() {
		g.frame("welcome", "Màn hình đầu tiên, khi tệp dữ liệu còn trống.", 80, 24, "Xem thử dữ liệu mẫu")
	})
	g.p("Trong thư mục cài đặt còn có tệp `du-lieu-mau.db`: kéo thả tệp này vào `nguon.exe` là mở đúng tệp đó, " +
		"như khi gõ `nguon D:\\nguon\\du-lieu-mau.db` trong cửa sổ lệnh.")
}

func (g *guide) keys() {
	g.chapterHead()
	g.p("nguon dùng hoàn toàn bằng bàn phím. Màn hình chia năm **thẻ**, chuyển bằng các phím số: `1` Tổng quan, `2` Chi bộ, `3` Nguồn " +
		"(quần chúng), `4` Lớp (lớp bồi dưỡng nhận thức về Đảng), `5` Họp. Hai dòng cuối màn hình luôn ghi các phím dùng được ngay lúc đó; " +
		"bấm `?` để xem đủ các phím. Có thể để Unikey hoặc EVKey bật (kiểu Telex hay VNI) suốt lúc dùng nguon: không phím tắt nào là " +
		"hai chữ liền nhau (kiểu Telex biến “dd” thành “đ”), nên các phím tắt vẫn dùng được, và chữ gõ vào các ô vẫn có đủ dấu.")
	g.p("Thẻ **Tổng quan** (" + g.fig("dashboard") + ") là nơi xem nhanh cả đảng bộ: số kết nạp so với chỉ tiêu năm, từng chi bộ và từng nguồn, " +
		"và danh sách **việc quá hạn**, **việc sắp đến hạn** trong 30 ngày (hạn 60 ngày làm việc ra quyết định kết nạp, hết 12 tháng dự bị, " +
		"giấy chứng nhận lớp nhận thức sắp hết hạn…). Phím `[` và `]` đổi năm đang xem.")
	g.frame("dashboard", "Thẻ Tổng quan: chỉ tiêu và kết quả kết nạp của từng chi bộ, từng nguồn, việc quá hạn và sắp đến hạn.", frameWidth, 40,
		"[1 Tổng quan]")
	g.section("Các phím dùng chung")
	g.keyTable("Phím",
		[2]string{"1 2 3 4 5", "chuyển thẻ: Tổng quan, Chi bộ, Nguồn, Lớp, Họp"},
		[2]string{"↑ ↓  (k j)", "lên, xuống trong danh sách; `g`, `G` về đầu, về cuối; `pgup`, `pgdn` lật trang"},
		[2]string{"enter", "mở dòng đang chọn"},
		[2]string{"/", "lọc danh sách theo chữ gõ vào, **không cần gõ dấu** (`nguyen` tìm ra Nguyễn); `enter` giữ bộ lọc, `esc` bỏ lọc"},
		[2]string{"n", "thêm mới (chi bộ, quần chúng, lớp, cuộc họp)"},
		[2]string{"e", "sửa dòng đang chọn"},
		[2]string{"d", "xóa (nguon hỏi lại, bấm `y` để đồng ý); `u` hoàn tác ngay sau khi xóa"},
		[2]string{"tab  shift+tab", "sang ô sau, về ô trước trong một biểu mẫu"},
		[2]string{"ctrl+s", "lưu biểu mẫu"},
		[2]string{"esc", "hủy, quay lại"},
		[2]string{"?", "trợ giúp: mọi phím dùng được ở màn hình này"},
		[2]string{":", "gõ lệnh (xem dưới đây), rồi `enter`"},
		[2]string{"q", "quay lại; ở màn hình chính thì thoát nguon"},
		[2]string{"ctrl+c", "thoát ngay (nếu biểu mẫu chưa lưu, nguon hỏi lại)"},
	)
	g.frame("sources", "Thẻ Nguồn: danh sách quần chúng, mỗi người ở bước nào và đã bao nhiêu ngày.", frameWidth, 24, "[3 Nguồn]", "3")
	g.p("Trong thẻ **Nguồn** (" + g.fig("sources") + "), mỗi dòng là một quần chúng: nguồn (đoàn viên, quân nhân xuất ngũ, học sinh…), chi bộ phụ trách, " +
		"bước hiện tại của quy trình kết nạp và số ngày đã ở bước đó. Bấm `/` rồi gõ một phần họ tên để lọc (" + g.fig("filter") + "); " +
		"`f`, `c`, `t` lọc theo nguồn, theo chi bộ, theo bước; `x` bỏ các bộ lọc đó; `s` sắp xếp theo cột khác.")
	g.frame("filter", "Gõ / rồi “nguyen”: chỉ còn những người họ Nguyễn, không cần gõ dấu.", frameWidth, 24, "/ nguyen",
		"3", "/", ui.Typed("nguyen"))
	g.p("Bấm `enter` trên một người để mở hồ sơ (" + g.fig("candidate") + "). Trong hồ sơ: `a` chuyển sang bước tiếp theo (nguon chỉ hỏi những gì bước đó cần " +
		"và kiểm tra điều kiện: tuổi, giấy chứng nhận lớp còn hạn, người giới thiệu…), `b` lùi một bước (phải ghi lý do), " +
		"`r` đưa ra khỏi danh sách theo dõi, `e` sửa, `esc` quay lại danh sách.")
	g.frame("candidate", "Hồ sơ một quần chúng (bấm enter trên một dòng của thẻ Nguồn).", frameWidth, 24, "── Nhân thân", "3", "enter")
	g.frame("help", "Bấm ? để xem mọi phím dùng được ở màn hình đang mở (ở đây là thẻ Nguồn).", frameWidth, 24, "lọc theo nguồn", "3", "?")
	g.section("Các lệnh gõ sau dấu hai chấm")
	g.p("Bấm `:` thì dòng dưới màn hình thành chỗ gõ lệnh; gõ lệnh rồi bấm `enter` (bấm `esc` để thôi). Lệnh có tên tiếng Việt không dấu " +
		"và tên tiếng Anh, dùng tên nào cũng được:")
	g.keyTable("Lệnh",
		[2]string{":saoluu TỆP", "sao lưu ra tệp khác, ví dụ ra USB (`:backup`; Mục 7)"},
		[2]string{":dssaoluu", "xem các bản sao lưu tự động và khôi phục (`:backups`; Mục 7)"},
		[2]string{":baocao", "lập báo cáo (`:report`; Mục 5)"},
		[2]string{":xuat", "xuất danh sách ra Excel (`:export`; Mục 5)"},
		[2]string{":nhap TỆP", "nhập danh sách quần chúng hoặc chi bộ từ Excel (`:import`)"},
		[2]string{":gop TỆP", "gộp bản sao từ máy khác (`:merge`; Mục 6)"},
		[2]string{":xungdot", "xem và giải quyết xung đột sau khi gộp (`:conflicts`)"},
		[2]string{":trunglap", "xem các hồ sơ nghi là một người nhập hai lần (`:duplicates`)"},
		[2]string{":caidat", "tên đảng bộ, cấp quyết định, ngày nghỉ lễ (`:settings`)"},
		[2]string{":lang en", "chuyển sang tiếng Anh; `:lang vi` trở lại tiếng Việt"},
		[2]string{":q", "thoát nguon"},
	)
}

func (g *guide) meeting() {
	g.chapterHead()
	g.p("Thẻ **5 Họp** giữ các cuộc họp chi bộ: rà soát nguồn hằng tháng, xét đề nghị kết nạp, xét công nhận đảng viên chính thức (" + g.fig("meetings") + "). " +
		"nguon giúp chuẩn bị danh sách người được xét, chạy cuộc họp **từng người một** trước chi bộ, ghi kết quả biểu quyết vào hồ sơ " +
		"từng người và lập biên bản, nghị quyết bằng Word.")
	g.frame("meetings", "Thẻ Họp: các cuộc họp, mới nhất ở trên.", frameWidth, 24, "[5 Họp]", "5")
	g.section("Trước cuộc họp: tạo cuộc họp")
	g.step(1, "Vào thẻ Họp (phím `5`), bấm `n`. Ở ô **Chi bộ**, gõ một phần tên chi bộ không cần dấu (ví dụ `dong hoa`) rồi bấm `enter` để chọn.")
	g.step(2, "Bấm `tab` để qua các ô: ngày họp (mặc định là hôm nay), loại cuộc họp (mặc định “Xét đề nghị kết nạp”), số đảng viên chính thức "+
		"(để trống thì nguon lấy số của chi bộ), số sinh hoạt tạm thời nơi khác, số miễn sinh hoạt và vắng mặt, số có mặt, chủ trì, thư ký ("+g.fig("new-meeting")+").")
	g.step(3, "Bấm `ctrl+s` để lưu. nguon tự đưa vào danh sách xét những quần chúng của chi bộ đã **đủ hồ sơ** cho loại cuộc họp này. "+
		"Mở cuộc họp (`enter`) để xem danh sách ("+g.fig("agenda")+"): `a` thêm người, `d` bỏ người đang chọn ra khỏi danh sách, `e` sửa thông tin cuộc họp.")
	g.frame("new-meeting", "Cuộc họp mới: chọn chi bộ, ghi số đảng viên có mặt, chủ trì, thư ký.", frameWidth, 24, "Cuộc họp mới",
		"5", "n", ui.Typed("dong hoa"), "enter", "tab", "tab", "tab", "tab", "tab", ui.Typed("40"), "tab", ui.Typed("Nguyễn Văn An"),
		"tab", ui.Typed("Trần Thị Bích"))
	g.frame("agenda", "Một cuộc họp xét đề nghị kết nạp và danh sách người được xét.", frameWidth, 24, "── Danh sách xem xét", "5", "enter")
	g.section("Trong cuộc họp: từng người một")
	g.p("Trong cuộc họp, bấm `enter` để **vào họp** (" + g.fig("run") + "). Màn hình hiện một người, chữ to, để cả chi bộ cùng xem (có thể chiếu lên màn hình lớn): " +
		"ngày sinh và tuổi tại ngày họp, nguồn, bước, giấy chứng nhận lớp, người giới thiệu, và các điều kiện: dấu ✓ (màu xanh) là đã đủ, " +
		"dấu ✗ (màu đỏ) là còn thiếu. Dòng cuối cho biết số phiếu tán thành đã đạt hai phần ba hay chưa.")
	g.frame("run", "Vào họp: từng người một, với các điều kiện đã đủ hay còn thiếu.", frameWidth, 28, "1/", "5", "enter", "enter")
	g.keyTable("Phím",
		[2]string{"a", "tán thành: nguon hỏi số phiếu tán thành, không tán thành và số nghị quyết (" + g.fig("votes") + "), bấm `ctrl+s` để ghi"},
		[2]string{"h", "hoãn xét người này"},
		[2]string{"x", "không tán thành"},
		[2]string{"v", "sửa số phiếu, số nghị quyết"},
		[2]string{"m", "ghi chú (ý kiến của chi bộ về người này)"},
		[2]string{"→  ←", "sang người sau, về người trước"},
		[2]string{"ctrl+e", "xem tổng hợp trước khi kết thúc cuộc họp (" + g.fig("summary") + ")"},
	)
	g.frame("votes", "Nhập kết quả biểu quyết sau khi bấm a (tán thành).", frameWidth, 24, "Kết quả biểu quyết", "5", "enter", "enter", "a")
	g.p("nguon tự tính tỷ lệ phiếu tán thành so với số đảng viên chính thức (dòng “cơ sở tính 2/3” ở đầu cuộc họp) và ghi rõ có đạt " +
		"hai phần ba hay không. Mọi điều bấm đều được lưu ngay: ra khỏi cuộc họp rồi vào lại vẫn còn nguyên.")
	g.section("Kết thúc cuộc họp")
	g.p("Khi đã xét xong, bấm `ctrl+e` để xem **tổng hợp** (" + g.fig("summary") + "). Kiểm tra lại, rồi bấm `ctrl+e` lần nữa và `y` để đồng ý. " +
		"Khi đó nguon ghi kết quả xét vào hồ sơ từng người (người được tán thành chuyển sang bước tiếp theo), đóng cuộc họp, và lập " +
		"**biên bản** cùng **nghị quyết** của chi bộ đề nghị kết nạp cho từng người được tán thành, thành tệp Word trong thư mục tài liệu " +
		"(Mục 5). Dòng trạng thái cuối màn hình ghi đường dẫn của biên bản. Người chưa có kết quả được để lại cho cuộc họp sau; " +
		"cuộc họp đã kết thúc thì không sửa được nữa.")
	g.frame("summary", "Tổng hợp trước khi kết thúc cuộc họp (ctrl+e).", frameWidth, 24, "Tổng hợp trước khi kết thúc", "5", "enter", "enter", "ctrl+e")
}

func (g *guide) printing(day model.Date) {
	g.chapterHead()
	g.p("nguon ghi biên bản, nghị quyết và báo cáo thành tệp **Word** (`.docx`) hoặc **Excel** (`.xlsx`), trình bày theo thể thức văn bản của Đảng " +
		"(khổ A4, phông Times New Roman). Mở tệp bằng Word, WPS hoặc LibreOffice, đọc lại, sửa nếu cần, rồi in (`ctrl+p`) và trình ký.")
	g.section("Thư mục tài liệu")
	g.p("Các tệp được ghi vào thư mục **Documents\\nguon** của người dùng (`%USERPROFILE%\\Documents\\nguon`; trong File Explorer là " +
		"Tài liệu → nguon). nguon tự tạo thư mục này khi cần và không bao giờ ghi đè tệp đã có: tên trùng thì thêm `-2`, `-3`…")
	g.section("Biên bản và nghị quyết cuộc họp")
	g.p("Biên bản được lập tự động khi kết thúc cuộc họp (Mục 4); tên tệp bắt đầu bằng `bien-ban-`, tên chi bộ và ngày họp, nghị quyết bằng " +
		"`nghi-quyet-`. Muốn lập lại (ví dụ đã xóa mất tệp), mở cửa sổ lệnh trong thư mục `D:\\nguon` (Mục 2) và gõ một trong các lệnh:")
	year := fmt.Sprint(day.Year())
	g.typed(`nguon minutes`)
	g.typed(`nguon minutes --cell "dong hoa" --date ` + fmt.Sprintf("%02d/%02d/%s", day.Day(), int(day.Month()), year))
	g.typed(`nguon minutes --out D:\bienban`)
	g.p("Lệnh thứ nhất lập biên bản của mọi cuộc họp đã kết thúc; lệnh thứ hai chỉ cuộc họp của một chi bộ trong một ngày; " +
		"lệnh thứ ba ghi vào thư mục `D:\\bienban` thay cho thư mục tài liệu. Mỗi tệp được ghi đều được in tên ra màn hình. " +
		"nguon phải đang đóng khi chạy các lệnh này.")
	g.section("Báo cáo")
	g.p("Trong chương trình, gõ `:baocao` rồi `enter`: chọn loại báo cáo, từ ngày, đến ngày (mặc định cả năm), bấm `ctrl+s`. " +
		"Báo cáo hiện ngay trên màn hình (" + g.fig("report") + "); bấm `w` để ghi thành tệp Word, `x` thành Excel, `c` thành CSV; `e` đổi loại báo cáo " +
		"hoặc thời gian, `esc` quay lại. Gõ thẳng tên báo cáo cũng được, ví dụ `:baocao chitieu`, `:baocao bieu2`, `:baocao camtinh`.")
	g.frame("report", "Báo cáo kết nạp so với chỉ tiêu (gõ :baocao chitieu).", frameWidth, 24, "w ghi Word", ":", ui.Typed("baocao chitieu"), "enter")
	g.p("Các loại báo cáo, với tên dùng trong lệnh `nguon report --what` (trong ngoặc là tên gõ sau `:baocao`):")
	g.keyTable("Tên",
		[2]string{"targets", "kết nạp so với chỉ tiêu, theo chi bộ (`chitieu`)"},
		[2]string{"due", "việc quá hạn và sắp đến hạn trong 30 ngày (`denhan`)"},
		[2]string{"admitted", "danh sách đảng viên mới kết nạp (`dangvienmoi`)"},
		[2]string{"classes", "các lớp bồi dưỡng nhận thức về Đảng và kết quả (`lop`)"},
		[2]string{"sources", "kết quả theo từng nguồn (`nguon`)"},
		[2]string{"breakdown", "đảng viên mới và quần chúng theo Biểu 2-BTCTW: nữ, dân tộc, tôn giáo, đoàn viên, độ tuổi, trình độ, nghề nghiệp (`bieu2`)"},
		[2]string{"pool", "danh sách cảm tình Đảng theo chi bộ, theo nguồn (`camtinh`)"},
	)
	g.p("Khi nguon đang đóng, cũng có thể lập báo cáo bằng cửa sổ lệnh; đuôi tên tệp `--out` cho biết ghi Word hay Excel:")
	g.typed(`nguon report --what targets --out D:\baocao\chi-tieu.docx`)
	g.typed(`nguon report --what breakdown --from 01/01/` + year + ` --to 31/05/` + year + ` --out D:\baocao\bieu2.xlsx`)
	g.p("Báo cáo mặc định tính cho cả năm nay; `--year` chọn năm khác, `--from` và `--to` chọn một khoảng thời gian " +
		"(ví dụ 5 tháng đầu năm như trên).")
	g.section("Xuất danh sách ra Excel")
	g.p("Gõ `:xuat quanchung` (hoặc `chibo`, `lop`, `hocvien`, `hop`) để ghi toàn bộ danh sách ra một tệp Excel trong thư mục tài liệu. " +
		"Tệp Excel này có sẵn danh sách chọn ở các cột giới tính, nguồn, chi bộ…: có thể gửi cho chi bộ điền, rồi nhận về và nhập lại bằng " +
		"`:nhap TỆP`. Khi nguon đang đóng:")
	g.typed(`nguon export --what candidates --out D:\ds-quan-chung.xlsx`)
}

func (g *guide) copying() {
	g.chapterHead()
	g.p("Tệp dữ liệu có thể mang sang máy khác bằng USB: sang máy mới, sang máy của đồng chí khác cùng làm, hoặc lên huyện để tổng hợp. " +
		"Điều quan trọng nhất:")
	g.p("**Không bao giờ dùng Windows để chép tệp `nguon.db` khi nguon đang mở.** Bản chép lúc nguon đang ghi có thể bị hỏng và sẽ bị từ chối.")
	g.section("Chép tệp ra USB")
	g.item("**Khi nguon đang mở:** gõ `:saoluu E:\\nguon-may-1.db` rồi `enter` (`E:` là ổ USB). Chờ dòng “Đã sao lưu an toàn vào …” " +
		"hiện ở dưới màn hình rồi mới rút USB.")
	g.item("**Khi nguon đã đóng** (bấm `q` để thoát): chép tệp `nguon.db` trong thư mục `%AppData%\\nguon` bằng File Explorer như mọi tệp khác, " +
		"hoặc gõ trong cửa sổ lệnh `nguon backup --out E:\\nguon-may-1.db` (thêm `--force` nếu muốn ghi đè tệp cùng tên trên USB).")
	g.p("Cả hai cách sao lưu của nguon đều ghi tệp dưới một tên tạm, kiểm tra lại, rồi mới đặt tên thật: tệp trên USB hoặc là bản đầy đủ, " +
		"hoặc không có, không bao giờ dở dang.")
	g.section("Dùng tệp trên một máy mới")
	g.p("Trên máy mới (cài theo Mục 1), ở màn hình đầu tiên chọn **mở một bản sao từ USB**. Hoặc, khi nguon đang đóng, chép tệp từ USB " +
		"vào thư mục `%AppData%\\nguon` và đặt tên là `nguon.db`. Lần mở đầu, nguon kiểm tra toàn bộ tệp mang sang.")
	g.section("Gộp bản sao từ máy khác")
	g.p("Khi hai máy cùng nhập liệu (ví dụ văn phòng và đồng chí phụ trách một khối), mỗi máy có những điều máy kia chưa có. " +
		"**Gộp** đưa vào tệp của máy này mọi điều mới trong bản sao của máy kia, không mất gì của cả hai:")
	g.step(1, "Ở máy kia, sao lưu ra USB: `:saoluu E:\\nguon-may-2.db`.")
	g.step(2, "Ở máy này, trong nguon gõ `:gop E:\\nguon-may-2.db` rồi `enter`. Nhiều bản sao thì ghi cách nhau bằng dấu cách; "+
		"đường dẫn có dấu cách thì đặt trong ngoặc kép. Khi nguon đang đóng thì dùng lệnh `nguon merge E:\\nguon-may-2.db`.")
	g.step(3, "nguon kiểm tra từng bản sao trước; bản sao hỏng, chép dở hay đang mở ở máy khác thì **không gộp gì cả** và tệp giữ nguyên. "+
		"Trước khi ghi, nguon tự sao lưu tệp của máy này (Mục 7). Xong, màn hình ghi mỗi bản sao thêm mới, cập nhật bao nhiêu bản ghi.")
	g.p("Gộp lại cùng một bản sao lần nữa không thay đổi gì; gộp theo thứ tự nào cũng cho cùng một kết quả; bản ghi đã xóa ở máy này " +
		"không bị bản sao cũ đưa trở lại. Muốn hai máy giống hệt nhau thì gộp cả hai chiều: sau khi gộp ở máy này, sao lưu ra USB và gộp ngược lại ở máy kia.")
	g.section("Xung đột và trùng lặp")
	g.p("Nếu cùng một hồ sơ được sửa khác nhau ở hai máy, đó là **xung đột**; nguon không tự chọn thay đồng chí. Gõ `:xungdot`, " +
		"bấm `enter` để xem hai bản cạnh nhau, chỉ những ô khác nhau; bấm `←` hoặc `→` để chọn bản đúng cho từng ô (`<` hoặc `>` lấy cả bản), " +
		"rồi `ctrl+s` để lưu. Lưu xong là hết xung đột, và khi gộp sang máy kia, máy kia cũng hết.")
	g.p("Nếu một người được nhập hai lần ở hai máy (cùng số CCCD, hoặc cùng họ tên, ngày sinh và thôn), đó là **trùng lặp**. Gõ `:trunglap`, " +
		"`enter` để xem hai hồ sơ cạnh nhau: bấm `n` nếu đó là hai người khác nhau, `m` để gộp làm một (chọn hồ sơ giữ lại bằng `←` hoặc `→`, rồi `y`).")
	g.p("Huyện hoặc tỉnh có thể gộp tệp của nhiều xã vào một tệp: mỗi chi bộ giữ tên xã của mình; trên thẻ Tổng quan phím `x` chuyển " +
		"giữa các xã, trên thẻ Nguồn phím `w` lọc theo xã, và `nguon report --what targets --by commune` lập báo cáo chia theo từng xã.")
}

func (g *guide) backups(day model.Date) {
	g.chapterHead()
	g.section("Sao lưu tự động")
	g.p("nguon tự sao lưu tệp dữ liệu vào thư mục `nguon.db.backups` nằm cạnh tệp (`%AppData%\\nguon\\nguon.db.backups`): " +
		"lần mở đầu tiên mỗi ngày, trước mỗi lần nhập danh sách, trước mỗi lần gộp và trước mỗi lần khôi phục. nguon giữ **10 bản mới nhất** " +
		"và tự xóa bản cũ hơn. Tên tệp cho biết lúc nào và vì sao, ví dụ `" + fmt.Sprintf("nguon-%d-%02d-%02d-101500", day.Year(), int(day.Month()), day.Day()) +
		"-truoc-khi-nhap.db` (trước khi nhập, ngày " + day.String() + " lúc 10:15:00): " +
		"`hang-ngay` (hằng ngày), `truoc-khi-nhap`, `truoc-khi-gop`, `truoc-khi-khoi-phuc`, `thu-cong` (bấm tay, không bao giờ bị tự xóa).")
	g.p("Các bản tự động nằm trên cùng ổ đĩa với tệp dữ liệu: máy hỏng hay mất thì mất cả. Vì vậy **mỗi tuần, và sau mỗi cuộc họp, " +
		"hãy sao lưu ra USB** và cất USB ở nơi khác.")
	g.section("Sao lưu ra USB")
	name := fmt.Sprintf("nguon-%d-%02d-%02d.db", day.Year(), int(day.Month()), day.Day())
	g.p("Trong nguon, bấm `:` rồi gõ `saoluu` (hoặc `backup`), dấu cách và tên tệp sẽ ghi, rồi bấm `enter` (" + g.fig("backup-command") + "). " +
		"Đặt ngày vào tên tệp để dễ tìm. Đường dẫn có dấu cách thì đặt trong ngoặc kép, ví dụ `:saoluu \"E:\\sao luu\\" + name + "\"`. " +
		"Chờ dòng “Đã sao lưu an toàn vào …” rồi mới rút USB.")
	g.frame("backup-command", "Gõ lệnh sao lưu ra USB ở dòng dưới cùng, rồi bấm enter.", frameWidth, 24, ":saoluu", ":", ui.Typed(`saoluu E:\`+name))
	g.p("Khi nguon đã đóng, trong cửa sổ lệnh:")
	g.typed(`nguon backup --out E:\` + name)
	g.section("Khôi phục một bản sao lưu tự động")
	g.p("Gõ `:dssaoluu` (hoặc `:backups`, `:khoiphuc`): nguon liệt kê các bản sao lưu, mới nhất ở trên, kèm thời điểm và lý do. " +
		"Chọn một bản bằng `↑`, `↓`, bấm `enter`, rồi `y` để đồng ý. Tệp đang dùng không mất: nó được giữ lại thành một bản sao lưu " +
		"“Trước khi khôi phục”, nên có thể quay lại nếu chọn nhầm. Bản sao lưu bị hỏng thì bị từ chối và tệp dữ liệu giữ nguyên. " +
		"Trong màn hình này, `b` làm một bản sao lưu ngay.")
	g.section("Khôi phục từ USB")
	g.p("Muốn xem một bản sao lưu trên USB mà không đụng đến tệp đang dùng, mở nó bằng `nguon --db E:\\" + name + " --read-only`. " +
		"Muốn dùng bản đó thay cho tệp hiện tại: thoát nguon; trong thư mục `%AppData%\\nguon`, đổi tên `nguon.db` thành `nguon-cu.db` " +
		"(để giữ lại); chép tệp từ USB vào thư mục đó và đặt tên là `nguon.db`; rồi mở nguon như thường.")
}

func (g *guide) damaged() {
	g.chapterHead()
	g.p("Tệp dữ liệu có thể bị hỏng khi: chép tệp lúc nguon đang mở, rút USB khi đang chép, mất điện hoặc tắt máy đột ngột, " +
		"ổ đĩa hay USB bị lỗi. nguon kiểm tra tệp mỗi khi mở và mỗi khi đọc hồ sơ, nên **không bao giờ âm thầm dùng dữ liệu sai** " +
		"và **không bao giờ ghi gì vào tệp hỏng**. Tệp hỏng được giữ nguyên như lúc phát hiện.")
	g.section("nguon báo gì")
	g.item("**nguon không mở tệp** và báo một câu nói rõ chuyện gì: tệp rỗng (0 byte), tệp bị cắt cụt (chép chưa xong), " +
		"“các trang của tệp dữ liệu không khớp nhau” (chép lúc nguon đang ghi), một trang của tệp bị hỏng (ổ đĩa hoặc USB lỗi), " +
		"tệp không phải của nguon, hoặc tệp của phiên bản mới hơn (cần cài phiên bản mới). Câu báo ghi luôn bản sao lưu mới nhất " +
		"và lệnh để mở nó, dạng `Bản sao lưu mới nhất (lúc …): nguon --db \"…\"`.")
	g.item("**nguon mở tệp nhưng chỉ để xem**, với dòng chữ đỏ ở đầu màn hình “⚠ Tệp dữ liệu bị hỏng (…) nên chỉ mở để xem” " +
		"nêu tên các hồ sơ hỏng. Các hồ sơ hỏng không được hiện; không lưu được gì.")
	g.item("Dòng “⚠ Tệp dữ liệu đã bị thay đổi bên ngoài nguon từ lần đóng trước” nghĩa là có chương trình khác đã ghi vào tệp: " +
		"thoát rồi mở lại, nguon sẽ kiểm tra toàn bộ tệp.")
	g.item("“Lần trước nguon dừng khi đang lưu …” nghĩa là lần trước máy tắt hoặc có lỗi đúng lúc đang lưu: những gì vừa nhập " +
		"đã được giữ riêng; bấm `y` để lưu lại vào tệp dữ liệu.")
	g.section("Cần làm gì")
	g.step(1, "**Đừng xóa, đừng chép đè tệp hỏng**, và đừng thử sửa nó bằng chương trình khác. Nếu cần người hỗ trợ, đó là tệp họ cần xem.")
	g.step(2, "Nếu tệp vừa được chép từ máy khác hay từ USB và nguon báo bị cắt cụt hoặc các trang không khớp nhau: "+
		"bản chép bị dở. Thoát nguon ở máy gốc rồi chép lại (hoặc dùng `:saoluu` ở máy gốc, Mục 6).")
	g.step(3, "Nếu nguon mở tệp chỉ để xem: gõ `:dssaoluu`, chọn bản sao lưu mới nhất (dòng trên cùng), bấm `enter` rồi `y`. "+
		"Tệp hỏng được giữ lại thành một bản sao lưu “Trước khi khôi phục”, và nguon mở lại trên bản vừa khôi phục.")
	g.step(4, "Nếu nguon không mở tệp: mở bản sao lưu mới nhất bằng đúng lệnh nguon vừa ghi (chép cả dấu ngoặc kép), thêm `--read-only` "+
		"ở cuối để chỉ xem, và xem dữ liệu còn đủ không. "+
		"Rồi thoát, đổi tên tệp hỏng `nguon.db` thành `nguon-hong.db`, chép bản sao lưu đó vào thư mục `%AppData%\\nguon` và đặt tên là `nguon.db` "+
		"(hoặc chép bản sao lưu trên USB, Mục 7).")
	g.step(5, "Nhập lại những gì đã làm sau lúc sao lưu (thời điểm sao lưu ghi trong tên tệp).")
	g.section("Tự kiểm tra tệp")
	g.p("Bất cứ lúc nào (khi nguon đang đóng) có thể kiểm tra toàn bộ tệp dữ liệu bằng lệnh:")
	g.typed(`nguon check`)
	g.p("nguon trả lời “Tệp dữ liệu tốt.”, hoặc liệt kê từng lỗi, mỗi lỗi một dòng. Nên chạy lệnh này trước khi mang tệp đi gộp, " +
		"và thêm `--db TỆP` để kiểm tra một bản sao trên USB, ví dụ `nguon check --db E:\\nguon-may-2.db`.")
}
