//! A fixed fast hash and an open-addressing map keyed by it.
//!
//! Features, words and names are never stored as strings at run time: each is a 64-bit
//! hash of a template number and some bytes. At 64 bits the chance that two of the model's
//! few hundred thousand keys collide is negligible, and lookups touch one flat array.

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hashes `bytes` onto `seed`, eight bytes at a time.
#[inline]
pub fn bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(buf));
    }
    h
}

/// Hashes a small integer onto `seed`.
#[inline]
pub fn int(seed: u64, x: u64) -> u64 {
    mix(seed, x)
}

/// Spreads the bits of a hash before it picks a slot (the mixer leaves low bits weak).
#[inline]
fn finish(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
}

/// An open-addressing map from 64-bit hashes to small values, with no deletion. Keys
/// and values share a slot, so that a lookup costs one cache miss, not two.
#[derive(Clone, Debug, Default)]
pub struct FlatMap<V> {
    slots: Vec<(u64, V)>,
    len: usize,
}

/// Marks an empty slot; a real key equal to it is nudged to 1 on insertion and lookup.
const EMPTY: u64 = 0;

#[inline]
fn key_of(k: u64) -> u64 {
    if k == EMPTY { 1 } else { k }
}

impl<V: Copy + Default> FlatMap<V> {
    pub fn with_capacity(n: usize) -> FlatMap<V> {
        let slots = (n * 2).next_power_of_two().max(16);
        FlatMap {
            slots: vec![(EMPTY, V::default()); slots],
            len: 0,
        }
    }

    #[inline]
    fn slot(&self, k: u64) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut i = finish(k) as usize & mask;
        loop {
            let here = self.slots[i].0;
            if here == k {
                return (i, true);
            }
            if here == EMPTY {
                return (i, false);
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub fn get(&self, k: u64) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let (i, found) = self.slot(key_of(k));
        found.then(|| self.slots[i].1)
    }

    pub fn insert(&mut self, k: u64, v: V) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let k = key_of(k);
        let (i, found) = self.slot(k);
        if !found {
            self.len += 1;
        }
        self.slots[i] = (k, v);
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, FlatMap::with_capacity(self.slots.len().max(8)));
        for (k, v) in old.iter() {
            self.insert(k, v);
        }
    }

    /// Empties the map, keeping its slots if there are no more than `at_most`.
    pub fn clear_keeping(&mut self, at_most: usize) {
        if self.slots.len() > at_most {
            *self = FlatMap::default();
        } else if self.len > 0 {
            self.slots.fill((EMPTY, V::default()));
            self.len = 0;
        }
    }

    /// Entries in slot order (deterministic for a given insertion history).
    pub fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.slots.iter().filter(|(k, _)| *k != EMPTY).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut m = FlatMap::with_capacity(2);
        for i in 0..1000u64 {
            m.insert(bytes(7, format!("w{i}").as_bytes()), i as u32);
        }
        m.insert(0, 5);
        assert_eq!(m.iter().count(), 1001);
        assert_eq!(m.get(bytes(7, b"w123")), Some(123));
        assert_eq!(m.get(0), Some(5));
        assert_eq!(m.get(bytes(7, b"w1000")), None);
    }

    #[test]
    fn seeds_and_lengths_separate_keys() {
        assert_ne!(bytes(1, b"Kyiv"), bytes(2, b"Kyiv"));
        assert_ne!(bytes(1, b"a"), bytes(1, b"a\0"));
    }
}
