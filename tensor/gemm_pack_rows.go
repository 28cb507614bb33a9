package tensor

// Packing from rows picked by an index list (MatMulRows, AddMMRows): the
// panels hold the values packCopy and packGather would pack from the
// gathered rows, so the products have their bits, without the gathered
// copy ever being written.

// packCopyRows is packCopy of rows src[rows[p]·ld:], p < len(rows).
func packCopyRows(dst, src []float64, ld int, rows []int, j0, nj, w int) {
	kb := len(rows)
	for s := 0; s*w < nj; s++ {
		d := dst[s*w*kb : (s+1)*w*kb]
		c0, cols := j0+s*w, min(w, nj-s*w)
		for p, r := range rows {
			row := d[p*w : p*w+w]
			copy(row, src[r*ld+c0:][:cols])
			clear(row[cols:])
		}
	}
}

// packGatherRows is packGather of rows src[rows[i]·ld:], i < len(rows),
// four rows at a time (gatherRows4, as packGather's rows at a stride).
func packGatherRows(dst, src []float64, ld int, rows []int, p0, kb, w int) {
	ni := len(rows)
	for s := 0; s*w < ni; s++ {
		d := dst[s*w*kb : (s+1)*w*kb]
		picked := rows[s*w : s*w+min(w, ni-s*w)]
		r := 0
		for ; r+4 <= len(picked); r += 4 {
			q := picked[r : r+4 : r+4]
			gatherRows4(d[r:], src[q[0]*ld+p0:][:kb], src[q[1]*ld+p0:][:kb],
				src[q[2]*ld+p0:][:kb], src[q[3]*ld+p0:][:kb], w)
		}
		for ; r < len(picked); r++ {
			for p, v := range src[picked[r]*ld+p0:][:kb] {
				d[p*w+r] = v
			}
		}
		for ; r < w; r++ {
			for p := 0; p < kb; p++ {
				d[p*w+r] = 0
			}
		}
	}
}

// gatherRows4Go sets dst[p·w + r] = xr[p] for the four rows x0 ... x3 of
// equal length, from p = p0 on, reading them side by side so that each
// store fills adjacent slots.
func gatherRows4Go(dst, x0, x1, x2, x3 []float64, p0, w int) {
	x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
	o := p0 * w
	for p := p0; p < len(x0); p++ {
		q := dst[o : o+4 : o+4]
		q[0], q[1], q[2], q[3] = x0[p], x1[p], x2[p], x3[p]
		o += w
	}
}
