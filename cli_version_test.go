package main

import (
	"runtime/debug"
	"testing"

	"nguon/model"
)

// versionLine reads the build information the Go toolchain records, and says
// "unknown" for what a build outside a git checkout does not have.
func TestVersionLine(t *testing.T) {
	git := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-03-01T10:20:30Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	clean := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-03-01T10:20:30Z"},
		{Key: "vcs.modified", Value: "false"},
	}}
	for _, tc := range []struct {
		info *debug.BuildInfo
		lang model.Lang
		want string
	}{
		{git, model.EN, "nguon 1.2.3, commit 0123456789abcdef0123456789abcdef01234567 (modified), date 2026-03-01T10:20:30Z"},
		{git, model.VI, "nguon 1.2.3, commit 0123456789abcdef0123456789abcdef01234567 (có sửa đổi chưa commit), ngày 2026-03-01T10:20:30Z"},
		{clean, model.EN, "nguon 1.2.3, commit 0123456789abcdef0123456789abcdef01234567, date 2026-03-01T10:20:30Z"},
		{&debug.BuildInfo{}, model.EN, "nguon 1.2.3, commit unknown, date unknown"},
		{&debug.BuildInfo{}, model.VI, "nguon 1.2.3, commit không rõ, ngày không rõ"},
		{nil, model.EN, "nguon 1.2.3, commit unknown, date unknown"},
	} {
		if got := versionLine("1.2.3", tc.info, tc.lang); got != tc.want {
			t.Errorf("versionLine(%s):\n got %q\nwant %q", tc.lang, got, tc.want)
		}
	}
}
