package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// What Explorer shows of nguon.exe (Properties, Details) comes from the
// program's resource section: the version information, the icon, and the
// manifest, which also tells Windows how to run it. winres writes them as
// a COFF object (.syso) that the Go linker puts into the program.

// langVietnamese is the Windows language ID (LCID) of Vietnamese: Explorer
// shows the version strings under it and names the language "Vietnamese".
const langVietnamese = 0x042A

// Resource IDs.
const (
	iconID     = 1 // the first icon group is the one Explorer shows
	manifestID = 1 // CREATEPROCESS_MANIFEST_RESOURCE_ID
)

// winArch is winres's name for a Go architecture.
var winArch = map[string]winres.Arch{"amd64": winres.ArchAMD64, "386": winres.ArchI386}

// manifestArch is the manifest's processorArchitecture for a Go architecture.
var manifestArch = map[string]string{"amd64": "amd64", "386": "x86"}

// fileVersion is a release version as Windows' four numbers: "0.1.0" is
// 0.1.0.0; a suffix ("-rc1") is dropped, a part past 65535 refused.
func fileVersion(v string) ([4]uint16, error) {
	var out [4]uint16
	core, _, _ := strings.Cut(v, "-")
	core, _, _ = strings.Cut(core, "+")
	parts := strings.Split(core, ".")
	if len(parts) > 4 {
		return out, fmt.Errorf("version %q has more than four numbers", v)
	}
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return out, fmt.Errorf("version %q: %q is not a number up to 65535", v, p)
		}
		out[i] = uint16(n)
	}
	return out, nil
}

func dotted(v [4]uint16) string {
	return fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3])
}

// manifestXML is nguon.exe's application manifest. winres's own builder has
// no activeCodePage, so the text is written here:
//   - supportedOS Windows 10 and 11, so Windows does not run the program in
//     a compatibility mode that lies about its version;
//   - activeCodePage UTF-8 (Windows 10 1903 and later), so the few places
//     where Windows itself converts text through the "ANSI" code page
//     (file names given on the command line, environment) keep Vietnamese;
//   - longPathAware, so a folder deep in a USB stick's tree (past 260
//     characters) still opens where the system allows long paths;
//   - asInvoker: nguon never asks for administrator rights.
func manifestXML(ver [4]uint16, arch string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="nguon" version="` + dotted(ver) + `" processorArchitecture="` + manifestArch[arch] + `"/>
  <description>nguon: tạo nguồn, phát triển đảng viên</description>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <activeCodePage xmlns="http://schemas.microsoft.com/SMI/2019/WindowsSettings">UTF-8</activeCodePage>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
</assembly>
`
}

// The version strings Explorer shows, in Vietnamese: what the program is,
// which version, from which commit.
func versionInfo(b build) (version.Info, error) {
	fv, err := fileVersion(b.Version)
	if err != nil {
		return version.Info{}, err
	}
	vi := version.Info{FileVersion: fv, ProductVersion: fv}
	for _, kv := range [][2]string{
		{version.ProductName, "nguon"},
		{version.FileDescription, "nguon: quản lý tạo nguồn, phát triển đảng viên"},
		{version.FileVersion, b.Version},
		{version.ProductVersion, b.Version},
		{version.CompanyName, "Nhóm phát triển nguon"},
		{version.LegalCopyright, fmt.Sprintf("© %d Nhóm phát triển nguon", b.Time.Year())},
		{version.OriginalFilename, "nguon.exe"},
		{version.InternalName, "nguon"},
		{version.Comments, fmt.Sprintf("Phần mềm ngoại tuyến cho văn phòng đảng ủy xã; commit %s, ngày %s.", b.Commit, b.Time.Format("02/01/2006"))},
	} {
		if err := vi.Set(langVietnamese, kv[0], kv[1]); err != nil {
			return version.Info{}, err
		}
	}
	return vi, nil
}

// syso is the resource object for one Windows architecture.
func syso(b build, arch string) ([]byte, error) {
	wa, ok := winArch[arch]
	if !ok {
		return nil, fmt.Errorf("no Windows resources for %s", arch)
	}
	vi, err := versionInfo(b)
	if err != nil {
		return nil, err
	}
	icon, err := winres.NewIconFromResizedImage(iconImage(256), nil)
	if err != nil {
		return nil, err
	}
	rs := winres.ResourceSet{}
	if err := rs.SetIcon(winres.ID(iconID), icon); err != nil {
		return nil, err
	}
	rs.SetVersionInfo(vi)
	if err := rs.Set(winres.RT_MANIFEST, winres.ID(manifestID), winres.LCIDDefault, []byte(manifestXML(vi.FileVersion, arch))); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := rs.WriteObject(&out, wa); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// iconImage draws nguon's icon: a gold five-pointed star on a red rounded
// square, the colours of the flag and of the party's documents, readable
// at 16 pixels. Each pixel is sampled 4×4 times for smooth edges; the
// drawing is pure arithmetic, so every release draws the same pixels.
func iconImage(size int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{0xDA, 0x25, 0x1D, 0xFF}
	gold := color.NRGBA{0xFF, 0xCD, 0x00, 0xFF}
	s := float64(size)
	radius := s * 0.18
	// The star's ten corners, centred, the top point up.
	var star [10][2]float64
	cx, cy, outer := s/2, s*0.53, s*0.40
	inner := outer * 0.382
	for i := range star {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		star[i] = [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	const n = 4
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var inSquare, inStar int
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					px := float64(x) + (float64(sx)+0.5)/n
					py := float64(y) + (float64(sy)+0.5)/n
					if inRoundedSquare(px, py, s, radius) {
						inSquare++
						if inPolygon(px, py, star[:]) {
							inStar++
						}
					}
				}
			}
			if inSquare == 0 {
				continue
			}
			// Blend gold over red by the star's share, the alpha by the square's.
			t := float64(inStar) / float64(inSquare)
			mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-t) + float64(b)*t)) }
			img.SetNRGBA(x, y, color.NRGBA{
				R: mix(red.R, gold.R), G: mix(red.G, gold.G), B: mix(red.B, gold.B),
				A: uint8(math.Round(255 * float64(inSquare) / (n * n))),
			})
		}
	}
	return img
}

func inRoundedSquare(x, y, s, r float64) bool {
	if x < 0 || y < 0 || x > s || y > s {
		return false
	}
	// Only the corners are cut: find the nearest corner centre.
	cx := math.Min(math.Max(x, r), s-r)
	cy := math.Min(math.Max(y, r), s-r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

// inPolygon is the even-odd rule.
func inPolygon(x, y float64, p [][2]float64) bool {
	in := false
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		xi, yi, xj, yj := p[i][0], p[i][1], p[j][0], p[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
