package main

// The command line's own words in the chosen language: kong's help framing
// ("Usage:", "Flags:", …) and its parse errors, which it writes in English.

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"nguon/model"

	"github.com/alecthomas/kong"
)

// helpPrinter prints kong's help with its framing in lang. Kong writes the
// framing as fixed English lines; they are replaced line by line, so the
// help texts (Vietnamese, then English) are never touched.
func helpPrinter(lang model.Lang) kong.HelpPrinter {
	return func(options kong.HelpOptions, ctx *kong.Context) error {
		if lang != model.VI {
			return kong.DefaultHelpPrinter(options, ctx)
		}
		var buf bytes.Buffer
		out := ctx.Stdout
		ctx.Stdout = &buf
		err := kong.DefaultHelpPrinter(options, ctx)
		ctx.Stdout = out
		if err != nil {
			return err
		}
		_, err = out.Write([]byte(helpVI(buf.String())))
		return err
	}
}

var (
	helpHeadings = map[string]string{
		"Usage:":     "Cách dùng:",
		"Flags:":     "Tùy chọn:",
		"Commands:":  "Lệnh:",
		"Arguments:": "Tham số:",
	}
	helpSummary = strings.NewReplacer("<command>", "<lệnh>", "[flags]", "[tùy chọn]", "<args>", "<tham số>")
	reRunHelp   = regexp.MustCompile(`^(\s*)Run "(.+) --help" for more information\.$`)
	reRunCmd    = regexp.MustCompile(`^(\s*)Run "(.+) <command> --help" for more information on a command\.$`)
)

// helpVI translates the framing lines of kong's help.
func helpVI(help string) string {
	lines := strings.Split(help, "\n")
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
		switch {
		case strings.HasPrefix(l, "Usage: "):
			lines[i] = "Cách dùng: " + helpSummary.Replace(strings.TrimPrefix(l, "Usage: "))
		case helpHeadings[trimmed] != "":
			lines[i] = indent + helpHeadings[trimmed]
		case reRunCmd.MatchString(l):
			lines[i] = reRunCmd.ReplaceAllString(l, "${1}Xem hướng dẫn của từng lệnh bằng “${2} <lệnh> --help”.")
		case reRunHelp.MatchString(l):
			lines[i] = reRunHelp.ReplaceAllString(l, "${1}Xem thêm bằng “${2} --help”.")
		}
	}
	return strings.Join(lines, "\n")
}

// helpValue is the help text of a flag: kong's own --help says it in
// English only, so it is said in both languages like the others.
func helpValue(v *kong.Value) string {
	if v.Flag != nil && v.Name == "help" {
		return "In hướng dẫn này / Show this help."
	}
	return kong.DefaultHelpValueFormatter(v)
}

// usageLine frames a mistake on the command line as one sentence that
// points to the help of the command being used.
func usageLine(detail model.Text, kctx *kong.Context, lang model.Lang) string {
	cmd := "nguon"
	if sel := selected(kctx); sel != nil && !sel.Hidden {
		cmd = sel.FullPath()
	}
	d := strings.TrimRight(strings.TrimSpace(detail.In(lang)), ".?!;:, ")
	return printable(sprintf(msgUsage, d, cmd).In(lang))
}

// Kong's parse errors. Their wording is kong's (v1.17, context.go, mapper.go
// and scanner.go); one that matches none is shown as kong wrote it.
var (
	reDidYouMean   = regexp.MustCompile(`^(.*), did you mean (one of )?(.+)\?$`)
	reUnknownFlag  = regexp.MustCompile(`^unknown flag (.+)$`)
	reMissingFlags = regexp.MustCompile(`^missing flags: (.+)$`)
	reEnum         = regexp.MustCompile(`^(.+?) must be one of (.+) but got (".*")$`)
	reNumber       = regexp.MustCompile(`^(.+?): expected a valid \d+ bit u?int but got (".*")$`)
	reFloat        = regexp.MustCompile(`^(.+?): expected a float but got (".*").*$`)
	reNoValue      = regexp.MustCompile(`^(.+?): expected \S+ value but got (".*") \((.*)\)$`)
	reBool         = regexp.MustCompile(`^(.+?): bool value must be .* but got (".*")$`)
	reUnexpected   = regexp.MustCompile(`^unexpected (?:argument|token) (.+)$`)
	reNoCommand    = regexp.MustCompile(`^expected one of (.+)$`)
	reMissingArgs  = regexp.MustCompile(`^missing positional arguments (.+)$`)
)

// parseErrorText says what kong found wrong, in both languages.
func parseErrorText(err error, kctx *kong.Context) model.Text {
	var ue *usageError
	if errors.As(err, &ue) { // from a Validate method
		return ue.msg
	}
	msg := strings.TrimSpace(err.Error())
	var hint model.Text
	if m := reDidYouMean.FindStringSubmatch(msg); m != nil {
		msg = m[1]
		list := quoteList(m[3])
		if m[2] != "" {
			hint = sprintf(model.Text{VI: ", có lẽ ý bạn là một trong %s", EN: ", perhaps you meant one of %s"}, list)
		} else {
			hint = sprintf(model.Text{VI: ", có lẽ ý bạn là %s", EN: ", perhaps you meant %s"}, list)
		}
	}
	t := kongText(msg, kctx)
	return model.Text{VI: t.VI + hint.VI, EN: t.EN + hint.EN}
}

func kongText(msg string, kctx *kong.Context) model.Text {
	if m := reUnknownFlag.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "không có tùy chọn %s", EN: "unknown flag %s"}, m[1])
	}
	if m := reMissingFlags.FindStringSubmatch(msg); m != nil {
		if strings.Contains(m[1], ",") {
			return sprintf(model.Text{VI: "thiếu các tùy chọn bắt buộc %s", EN: "missing required flags %s"}, m[1])
		}
		return sprintf(model.Text{VI: "thiếu tùy chọn bắt buộc %s", EN: "missing required flag %s"}, m[1])
	}
	if m := reEnum.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "%s phải là một trong %s, không phải “%s”", EN: "%s must be one of %s, not “%s”"},
			m[1], plainList(m[2]), unquote(m[3]))
	}
	if m := reNumber.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "%s cần một số nguyên, không phải “%s”", EN: "%s needs a whole number, not “%s”"},
			m[1], unquote(m[2]))
	}
	if m := reFloat.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "%s cần một số, không phải “%s”", EN: "%s needs a number, not “%s”"},
			m[1], unquote(m[2]))
	}
	if m := reNoValue.FindStringSubmatch(msg); m != nil {
		if m[3] == "<EOL>" {
			return sprintf(model.Text{VI: "%s cần một giá trị đi kèm", EN: "%s needs a value"}, m[1])
		}
		return sprintf(model.Text{VI: "%s cần một giá trị đi kèm, không phải “%s”", EN: "%s needs a value, not “%s”"},
			m[1], unquote(m[2]))
	}
	if m := reBool.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "%s chỉ nhận true hoặc false, không phải “%s”", EN: "%s takes true or false, not “%s”"},
			m[1], unquote(m[2]))
	}
	if m := reUnexpected.FindStringSubmatch(msg); m != nil {
		// Before any command, a word is a command name nguon does not have;
		// after the file named alone, it is one word too many.
		if sel := selected(kctx); sel == nil || sel.Hidden && !otherGiven(sel.Positional, m[1]) {
			return sprintf(model.Text{VI: "không có lệnh “%s”", EN: "unknown command “%s”"}, m[1])
		}
		return sprintf(model.Text{VI: "thừa tham số “%s”", EN: "unexpected argument “%s”"}, m[1])
	}
	if m := reNoCommand.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "thiếu lệnh, hãy chọn một trong %s", EN: "a command is missing, choose one of %s"}, m[1])
	}
	if m := reMissingArgs.FindStringSubmatch(msg); m != nil {
		return sprintf(model.Text{VI: "thiếu tham số %s", EN: "missing arguments %s"}, m[1])
	}
	return sprintf(model.Text{VI: "%s", EN: "%s"}, msg)
}

// otherGiven reports whether a positional argument was given, other than
// word itself (which the default command took as its file).
func otherGiven(args []*kong.Positional, word string) bool {
	for _, a := range args {
		if a.Set && a.Target.String() != word {
			return true
		}
	}
	return false
}

func selected(kctx *kong.Context) *kong.Node {
	if kctx == nil {
		return nil
	}
	return kctx.Selected()
}

// unquote undoes kong's %q, so the value is shown as typed.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// quoteList turns kong's `"a", "b"` into “a”, “b”.
func quoteList(s string) string {
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		parts[i] = "“" + unquote(strings.TrimSpace(p)) + "”"
	}
	return strings.Join(parts, ", ")
}

// plainList turns kong's `"a","b"` (an enum) into a, b.
func plainList(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = unquote(strings.TrimSpace(p))
	}
	return strings.Join(parts, ", ")
}
