package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"nguon/store"

	"github.com/alecthomas/kong"
)

// A file named alone on the command line. Windows starts `nguon.exe FILE`
// when a file is dropped on it or opened with it, so the default command
// takes one optional path; kong gives it every word that is not a command.

// path is the file to open: the one named, or --db, or the default file.
// A named file is never created: unlike the default file, which a first
// start must make, a path that does not exist is a mistyped or moved one,
// and an empty file made there would hide the mistake behind the welcome
// menu.
func (c openCmd) path(e *env) (string, error) {
	if c.File == "" {
		return e.dbPath()
	}
	e.path = c.File // explain names it
	if _, err := os.Stat(c.File); errors.Is(err, fs.ErrNotExist) {
		return "", store.ErrMissingFile
	}
	return c.File, nil
}

// validate refuses, before anything is opened, a word that is no file and
// looks like a mistyped command ("nguon bakup"), and a file named twice.
func (c openCmd) validate(cl *cli, kctx *kong.Context) error {
	if _, err := os.Stat(c.File); errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(c.File, `/\.:`) {
		// Worded as kong words an unknown command, so it is translated the same way.
		return &usageError{parseErrorText(unknownCommand(c.File, kctx), kctx)}
	}
	if cl.DB != "" {
		return usage(msgDBAndFile)
	}
	return nil
}

// unknownCommand is kong's error for a word that names no command, with its
// suggestions: the commands the word starts or is at most two edits from.
func unknownCommand(word string, kctx *kong.Context) error {
	var close []string
	for _, n := range kctx.Model.Node.Children {
		if n.Type != kong.CommandNode || n.Hidden {
			continue
		}
		if strings.HasPrefix(n.Name, word) || editDistance(n.Name, word) <= 2 {
			close = append(close, fmt.Sprintf("%q", n.Name))
		}
	}
	switch len(close) {
	case 0:
		return fmt.Errorf("unexpected argument %s", word)
	case 1:
		return fmt.Errorf("unexpected argument %s, did you mean %s?", word, close[0])
	}
	return fmt.Errorf("unexpected argument %s, did you mean one of %s?", word, strings.Join(close, ", "))
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	f := make([]int, utf8.RuneCountInString(b)+1)
	for j := range f {
		f[j] = j
	}
	for _, ca := range a {
		diag := f[0]
		f[0]++
		j := 1
		for _, cb := range b {
			best := min(f[j]+1, f[j-1]+1)
			if ca == cb {
				best = min(best, diag)
			} else {
				best = min(best, diag+1)
			}
			diag, f[j] = f[j], best
			j++
		}
	}
	return f[len(f)-1]
}
