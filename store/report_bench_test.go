package store

import (
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"nguon/model"
)

// heapPeak samples the heap's live and unswept objects every millisecond
// until stop, which returns the most seen: what a report holds at its
// worst, where the total of allocations says nothing.
type heapPeak struct {
	done chan struct{}
	wg   sync.WaitGroup
	max  uint64
}

func watchHeap() *heapPeak {
	runtime.GC()
	h := &heapPeak{done: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	h.wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			h.max = max(h.max, s[0].Value.Uint64())
			select {
			case <-h.done:
				return
			case <-t.C:
			}
		}
	})
	return h
}

func (h *heapPeak) stop() float64 {
	close(h.done)
	h.wg.Wait()
	return float64(h.max) / 1e6
}

// BenchmarkReport100k computes the reports at 100,000 candidates as
// `nguon report` does (the read, the tables, the file written), with the
// heap's peak: breakdown and pool read every full record, due is the
// longest table (some 25,000 rows) in each format.
//
//	go test ./store -run '^$' -bench Report100k -benchtime 3x
func BenchmarkReport100k(b *testing.B) {
	path := bench100k(b)
	isolate(b)
	s, err := Open(path, Options{DeviceID: "bench", ReadOnly: true})
	must(b, err)
	defer s.Close()
	today := model.NewDate(2026, 3, 1)
	for _, c := range []struct{ what, format string }{
		{"breakdown", "text"}, {"pool", "text"}, {"targets", "text"},
		{"due", "text"}, {"due", "csv"}, {"due", "xlsx"}, {"due", "docx"},
	} {
		b.Run(c.what+"-"+c.format, func(b *testing.B) {
			h := watchHeap()
			for b.Loop() {
				in, err := s.ReportInput(c.what)
				must(b, err)
				in.Today = today
				if c.what != "due" {
					in.Year = 2024
				}
				r, err := model.BuildReport(c.what, in, model.VI)
				must(b, err)
				switch c.format {
				case "csv":
					err = WriteCSV(io.Discard, r)
				case "xlsx":
					err = WriteXLSX(io.Discard, r)
				case "docx":
					err = WriteReportDOCX(io.Discard, r, model.VI, testEpoch)
				default:
					_, err = io.WriteString(io.Discard, r.Text())
				}
				must(b, err)
			}
			b.ReportMetric(h.stop(), "MB-heap-peak")
		})
	}
}
