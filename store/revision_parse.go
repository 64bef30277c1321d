package store

import (
	"bytes"
	"encoding/hex"

	"nguon/model"
)

// parseRevision reads a revision in the exact layout nguon writes
// (revision.encode: fields in order, compact, no escapes in the envelope)
// without encoding/json, which spends most of a check decoding envelopes
// and skipping over payloads it does not need. ok is false for any other
// layout, which decodeRev then reads with encoding/json; both give the
// same revision (TestParseRevisionAgreesWithJSON).
func parseRevision(b []byte) (r revision, parents [][32]byte, ok bool) {
	p := revParser{b: b}
	p.lit(`{"id":"`)
	id := p.until('"')
	p.lit(`","kind":"`)
	kind := p.until('"')
	p.lit(`","parents":[`)
	for p.ok && p.peek() == '"' {
		p.lit(`"`)
		var h [32]byte
		if x := p.until('"'); len(x) != 64 || !hexInto(h[:], x) {
			return r, nil, false
		}
		p.lit(`"`)
		parents = append(parents, h)
		r.Parents = append(r.Parents, string(b[p.i-65:p.i-1]))
		if p.peek() == ',' {
			p.i++
		}
	}
	p.lit(`],"clock":{"wall":`)
	wall := p.int()
	p.lit(`,"logical":`)
	logical := p.int()
	p.lit(`},"device":"`)
	device := p.until('"')
	p.lit(`","deleted":`)
	deleted := p.peek() == 't'
	p.lit(map[bool]string{true: "true", false: "false"}[deleted])
	p.lit(`,"schema":`)
	schema := p.int()
	p.lit(`,"at":"`)
	at := p.until('"')
	p.lit(`","data":`)
	if !p.ok || len(b) < p.i+2 || b[len(b)-1] != '}' || logical > 1<<32-1 ||
		bytes.IndexByte(device, '\\') >= 0 || bytes.IndexByte(kind, '\\') >= 0 {
		return r, nil, false
	}
	var err error
	if r.Record, err = model.ParseID(string(id)); err != nil {
		return r, nil, false
	}
	r.Kind, r.Device, r.At, r.Deleted, r.Schema = string(kind), string(device), string(at), deleted, int(schema)
	r.Clock = HLC{Wall: wall, Logical: uint32(logical)}
	r.Data = b[p.i : len(b)-1]
	if r.Parents == nil {
		r.Parents = []string{}
	}
	return r, parents, true
}

type revParser struct {
	b  []byte
	i  int
	ok bool
}

func (p *revParser) lit(s string) {
	if p.i == 0 && !p.ok {
		p.ok = true
	}
	if p.ok && bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return
	}
	p.ok = false
}

func (p *revParser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// until returns the bytes up to (not including) c.
func (p *revParser) until(c byte) []byte {
	if !p.ok {
		return nil
	}
	j := bytes.IndexByte(p.b[p.i:], c)
	if j < 0 {
		p.ok = false
		return nil
	}
	out := p.b[p.i : p.i+j]
	p.i += j
	return out
}

// int reads a non-negative decimal of at most 18 digits.
func (p *revParser) int() int64 {
	if !p.ok {
		return 0
	}
	v, n := leadingInt(p.b[p.i:])
	if n == 0 || (n < len(p.b[p.i:]) && p.b[p.i+n] >= '0' && p.b[p.i+n] <= '9') {
		p.ok = false
		return 0
	}
	p.i += n
	return v
}

func hexInto(dst, src []byte) bool {
	n, err := hex.Decode(dst, src)
	return err == nil && n == len(dst)
}
