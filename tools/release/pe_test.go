package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
)

// peResources reads a Windows program's resource section as Windows does:
// the directory tree type → name → language, and for each type the data of
// its first name and language. Nothing else of the program is trusted:
// every offset is checked against the section.
func peResources(exe []byte) (map[uint32][]byte, error) {
	f, err := pe.NewFile(bytes.NewReader(exe))
	if err != nil {
		return nil, err
	}
	var dir pe.DataDirectory
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		dir = h.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	case *pe.OptionalHeader32:
		dir = h.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	default:
		return nil, errors.New("no optional header")
	}
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("no resource directory")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+s.VirtualSize {
			sec = s
		}
	}
	if sec == nil {
		return nil, errors.New("the resource directory is in no section")
	}
	data, err := sec.Data()
	if err != nil {
		return nil, err
	}
	base := dir.VirtualAddress - sec.VirtualAddress
	rsrc := data[base:]
	u16 := func(off uint32) (uint16, error) {
		if int(off)+2 > len(rsrc) {
			return 0, fmt.Errorf("offset %d outside the section", off)
		}
		return binary.LittleEndian.Uint16(rsrc[off:]), nil
	}
	u32 := func(off uint32) (uint32, error) {
		if int(off)+4 > len(rsrc) {
			return 0, fmt.Errorf("offset %d outside the section", off)
		}
		return binary.LittleEndian.Uint32(rsrc[off:]), nil
	}
	// entries lists a directory's (id, offset) pairs.
	entries := func(off uint32) ([][2]uint32, error) {
		named, err := u16(off + 12)
		if err != nil {
			return nil, err
		}
		ids, err := u16(off + 14)
		if err != nil {
			return nil, err
		}
		var out [][2]uint32
		for i := uint32(0); i < uint32(named)+uint32(ids); i++ {
			id, err := u32(off + 16 + 8*i)
			if err != nil {
				return nil, err
			}
			to, err := u32(off + 20 + 8*i)
			if err != nil {
				return nil, err
			}
			out = append(out, [2]uint32{id, to})
		}
		return out, nil
	}
	const subdir = 1 << 31
	out := map[uint32][]byte{}
	types, err := entries(0)
	if err != nil {
		return nil, err
	}
	for _, ty := range types {
		if ty[1]&subdir == 0 {
			return nil, fmt.Errorf("type %d is not a directory", ty[0])
		}
		names, err := entries(ty[1] &^ subdir)
		if err != nil || len(names) == 0 || names[0][1]&subdir == 0 {
			return nil, fmt.Errorf("type %d: bad name directory (%v)", ty[0], err)
		}
		langs, err := entries(names[0][1] &^ subdir)
		if err != nil || len(langs) == 0 || langs[0][1]&subdir != 0 {
			return nil, fmt.Errorf("type %d: bad language directory (%v)", ty[0], err)
		}
		leaf := langs[0][1]
		rva, err := u32(leaf)
		if err != nil {
			return nil, err
		}
		size, err := u32(leaf + 4)
		if err != nil {
			return nil, err
		}
		start := int64(rva) - int64(sec.VirtualAddress)
		if start < 0 || start+int64(size) > int64(len(data)) {
			return nil, fmt.Errorf("type %d: data outside the section", ty[0])
		}
		out[ty[0]] = data[start : start+int64(size)]
	}
	return out, nil
}
