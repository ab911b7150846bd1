fn main() {
    let a: Vec<String> = std::env::args().collect();
    let mut d = leitmotif::player::Decoder::open(std::path::Path::new(&a[1]), None, None).unwrap();
    let mut v = Vec::new();
    loop { let k = d.read(&mut v, 4096).unwrap(); if k == 0 { break; } }
    let bytes: Vec<u8> = v.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(&a[2], bytes).unwrap();
}
