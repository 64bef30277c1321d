package store

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"nguon/model"
)

func TestBackupWhileWriting(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))

	var wg sync.WaitGroup
	started := make(chan struct{})
	errc := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 200 {
			c := testCandidate(cell.ID, i)
			if err := s.PutCandidate(&c); err != nil {
				errc <- err
				return
			}
			if i == 20 {
				close(started)
			}
		}
	}()
	<-started
	out := filepath.Join(t.TempDir(), "backup.db")
	must(t, s.Backup(out))
	wg.Wait()
	select {
	case err := <-errc:
		t.Fatal(err)
	default:
	}

	b := openTestStore(t, out, Options{ReadOnly: true})
	if errs := b.Check(); len(errs) != 0 {
		t.Fatalf("backup fails Check: %v", errs)
	}
	rows, _ := b.CandidateRows()
	if len(rows) < 21 || len(rows) > 200 {
		t.Errorf("backup holds %d candidates, want a snapshot between 21 and 200", len(rows))
	}
	if got, err := b.Cell(cell.ID); err != nil || got.Name != cell.Name {
		t.Errorf("backup cell = %+v, %v", got, err)
	}
}

func TestBackupFailuresLeaveOutUntouched(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))

	if err := s.Backup(s.Path()); !errors.Is(err, ErrBackupTarget) {
		t.Errorf("backup over the open file = %v, want ErrBackupTarget", err)
	}
	if err := s.Backup(filepath.Join(t.TempDir(), "no", "such", "dir.db")); !errors.Is(err, ErrBackupWrite) {
		t.Errorf("backup into a missing folder = %v, want ErrBackupWrite", err)
	}

	// Package Backup of a free file works and replaces an older backup.
	dir := t.TempDir()
	out := filepath.Join(dir, "backup.db")
	must(t, os.WriteFile(out, []byte("old backup"), 0o600))
	must(t, s.Close())
	must(t, Backup(s.Path(), out))
	b := openTestStore(t, out, Options{ReadOnly: true})
	if cells, _ := b.Cells(); len(cells) != 1 {
		t.Errorf("backup has %d cells, want 1", len(cells))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("backup folder holds %v, want only backup.db", entries)
	}
}

func TestBackupVerifyRejectsDamage(t *testing.T) {
	// verifyCopy is what stands between a bad snapshot and out: feed it a
	// file whose derived bucket disagrees with its revisions.
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	out := filepath.Join(t.TempDir(), "copy.db")
	must(t, s.Backup(out))
	tamper(t, out, func(tx *boltTx) error {
		return tx.Bucket(bucketCurCells).Put(cell.ID[:], []byte(`{"name":"sửa tay"}`))
	})
	err := verifyCopy(out, model.DateOf(testEpoch))
	if !errors.Is(err, ErrBackupVerify) {
		t.Errorf("verifyCopy of a tampered file = %v, want ErrBackupVerify", err)
	}
}
