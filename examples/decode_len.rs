fn main() {
    for p in std::env::args().skip(1) {
        let mut d = leitmotif::player::Decoder::open(std::path::Path::new(&p), None, None).unwrap();
        let mut v = Vec::new();
        let mut n = 0;
        loop { v.clear(); let k = d.read(&mut v, 4096).unwrap(); if k == 0 { break; } n += k; }
        println!("{p}: {n} frames, info {:?}", d.info().duration);
    }
}
