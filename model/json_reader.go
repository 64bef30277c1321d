package model

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonReader reads the strict subset of JSON that DecodeCandidate takes. Its error is
// sticky: after the first thing it does not take, every read returns zero
// values and the caller falls back to encoding/json.
type jsonReader struct {
	b   []byte
	i   int
	bad bool
}

func (d *jsonReader) fail() { d.bad = true }

// next consumes c, the next byte.
func (d *jsonReader) next(c byte) bool {
	if d.bad || d.i >= len(d.b) || d.b[d.i] != c {
		d.fail()
		return false
	}
	d.i++
	return true
}

func (d *jsonReader) peek() byte {
	if d.bad || d.i >= len(d.b) {
		d.fail()
		return 0
	}
	return d.b[d.i]
}

// raw reads a string with no escapes and valid UTF-8, returning its bytes.
func (d *jsonReader) raw() []byte {
	if !d.next('"') {
		return nil
	}
	start := d.i
	var high byte // any byte of a multi-byte character sets the top bit
	for ; d.i < len(d.b); d.i++ {
		c := d.b[d.i]
		if c == '"' {
			s := d.b[start:d.i]
			d.i++
			if high >= 0x80 && !utf8.Valid(s) {
				d.fail()
				return nil
			}
			return s
		}
		if c == '\\' || c < 0x20 {
			d.fail()
			return nil
		}
		high |= c
	}
	d.fail()
	return nil
}

func (d *jsonReader) str() string { return string(d.raw()) }

func (d *jsonReader) boolean() bool {
	switch {
	case d.bad:
	case hasAt(d.b, d.i, "true"):
		d.i += 4
		return true
	case hasAt(d.b, d.i, "false"):
		d.i += 5
		return false
	}
	d.fail()
	return false
}

func hasAt(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

// integer reads a JSON integer that fits an int; a fraction or an exponent
// is left to encoding/json (which refuses them for an int).
func (d *jsonReader) integer() int {
	if d.bad {
		return 0
	}
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		d.i++
	}
	n := d.i - digits
	if n == 0 || (n > 1 && d.b[digits] == '0') {
		d.fail()
		return 0
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.fail()
		return 0
	}
	v, err := strconv.ParseInt(string(d.b[start:d.i]), 10, strconv.IntSize)
	if err != nil {
		d.fail()
	}
	return int(v)
}

func (d *jsonReader) date() Date {
	var v Date
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

func (d *jsonReader) id() ID {
	var v ID
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

func (d *jsonReader) time() time.Time {
	var v time.Time
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

// object reads an object, calling field for each key with the reader at
// its value. A key met twice is left to encoding/json (which merges some
// values and replaces others): field numbers each key it knows, and
// returns -1 for a key it does not.
func (d *jsonReader) object(field func(key []byte) int) {
	if !d.next('{') {
		return
	}
	if d.peek() == '}' {
		d.i++
		return
	}
	var seen uint64
	for !d.bad {
		key := d.raw()
		if !d.next(':') {
			return
		}
		n := field(key)
		if n < 0 || n >= 64 || seen&(1<<n) != 0 {
			d.fail()
			return
		}
		seen |= 1 << n
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail()
		}
	}
}

// array reads an array, calling elem with the reader at each element.
func (d *jsonReader) array(elem func()) {
	if !d.next('[') {
		return
	}
	if d.peek() == ']' {
		d.i++
		return
	}
	for !d.bad {
		elem()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail()
		}
	}
}
