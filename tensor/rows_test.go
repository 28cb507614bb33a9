package tensor

import (
	"fmt"
	"strings"
	"testing"
)

func TestRowSlice(t *testing.T) {
	m := New([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4, 3)
	s := m.RowSlice(1, 3)
	if !EqualShape(s.Shape(), []int{2, 3}) || fmt.Sprint(s.Data()) != "[3 4 5 6 7 8]" {
		t.Fatalf("RowSlice(1, 3) = %v", s)
	}
	s.Data()[0] = -1
	if m.At(1, 0) != -1 {
		t.Error("RowSlice copied instead of sharing storage")
	}
	if v := New([]float64{1, 2, 3}, 3).RowSlice(2, 3); v.Len() != 1 || v.Data()[0] != 3 {
		t.Errorf("vector RowSlice(2, 3) = %v", v)
	}
	if e := m.RowSlice(4, 4); e.Len() != 0 || e.Shape()[0] != 0 {
		t.Errorf("empty RowSlice = %v", e)
	}
	for _, r := range [][2]int{{-1, 1}, {2, 1}, {0, 5}} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), "RowSlice") {
					t.Errorf("RowSlice%v: recovered %v", r, p)
				}
			}()
			m.RowSlice(r[0], r[1])
		}()
	}
}
