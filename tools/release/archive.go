package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"io/fs"
	"sort"
	"time"
)

// An archive's entries carry the commit's time, not the clock's, and are
// written in name order with fixed permissions and owners: two releases of
// one commit are the same bytes, so anyone can check a USB stick's copy
// against SHA256SUMS and against a build of their own.

// entry is one file of an archive.
type entry struct {
	Name string // slash-separated, inside the archive's folder
	Data []byte
	Exec bool // the program (mode 0755 in the tar)
}

func sortEntries(es []entry) []entry {
	out := append([]entry(nil), es...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// zipTime is when the zip says its files were made: the commit's local
// time as Windows shows it (the zip format has no zone). Before 1980 the
// format has no date: 1980-01-01 then.
func zipTime(t time.Time) time.Time {
	if t.Year() < 1980 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// writeZip writes the entries under folder/ (Explorer's "Extract all" then
// makes one folder, not files strewn over the stick).
func writeZip(w io.Writer, folder string, es []entry, when time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	when = zipTime(when)
	for _, e := range sortEntries(es) {
		h := &zip.FileHeader{Name: folder + "/" + e.Name, Method: zip.Deflate}
		// Modified alone would add an "extended timestamp" field whose
		// bytes depend on the zone of the machine that reads the time back;
		// the MS-DOS fields are what Explorer reads.
		h.ModifiedDate, h.ModifiedTime = dosDateTime(when)
		mode := fs.FileMode(0o644)
		if e.Exec {
			mode = 0o755
		}
		h.SetMode(mode)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(e.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// dosDateTime is t in the MS-DOS date and time fields of a zip header.
func dosDateTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// writeTarGz writes the entries under folder/ in a gzip'd tar, owned by
// root with no user names, dated when; the gzip header has no name or time.
func writeTarGz(w io.Writer, folder string, es []entry, when time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	when = when.UTC().Truncate(time.Second)
	dir := &tar.Header{Typeflag: tar.TypeDir, Name: folder + "/", Mode: 0o755, ModTime: when, Format: tar.FormatPAX}
	if err := tw.WriteHeader(dir); err != nil {
		return err
	}
	for _, e := range sortEntries(es) {
		mode := int64(0o644)
		if e.Exec {
			mode = 0o755
		}
		h := &tar.Header{Typeflag: tar.TypeReg, Name: folder + "/" + e.Name, Mode: mode, Size: int64(len(e.Data)), ModTime: when, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// archiveBytes is the archive of one target, zip for Windows, else tar.gz.
func archiveBytes(zipped bool, folder string, es []entry, when time.Time) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if zipped {
		err = writeZip(&b, folder, es, when)
	} else {
		err = writeTarGz(&b, folder, es, when)
	}
	return b.Bytes(), err
}
