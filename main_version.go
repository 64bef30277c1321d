package main

import (
	"fmt"
	"runtime/debug"

	"nguon/model"
)

// commit and date may be set at release time with -ldflags "-X main.commit=…
// -X main.date=…"; otherwise they come from the version control information
// the Go toolchain records when it builds from a git checkout.
var (
	commit = ""
	date   = ""
)

// currentVersion is the line `nguon version` and `nguon --version` print.
func currentVersion(lang model.Lang) string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(version, info, lang)
}

// versionLine says the version, the commit (and whether the checkout had
// uncommitted changes) and the commit's date; what is not known is said so.
func versionLine(v string, info *debug.BuildInfo, lang model.Lang) string {
	rev, when, modified := commit, date, false
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if rev == "" {
					rev = s.Value
				}
			case "vcs.time":
				if when == "" {
					when = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	unknown := model.Text{VI: "không rõ", EN: "unknown"}.In(lang)
	if rev == "" {
		rev = unknown
	} else if modified {
		rev += model.Text{VI: " (có sửa đổi chưa commit)", EN: " (modified)"}.In(lang)
	}
	if when == "" {
		when = unknown
	}
	label := model.Text{VI: "ngày", EN: "date"}.In(lang)
	return model.Escape(fmt.Sprintf("nguon %s, commit %s, %s %s", v, rev, label, when))
}
