// A capture file on disk: the mapping and a reader over it, kept together.
#pragma once
#include <memory>
#include <string>

#include "capture/capture_reader.hpp"
#include "capture/mapped_file.hpp"

namespace wirelab::capture {

class CaptureFile {
 public:
  CaptureFile(std::string path, MappedFile map, CaptureReader reader)
      : path_(std::move(path)), map_(std::move(map)), reader_(std::move(reader)) {}
  CaptureReader& reader() { return reader_; }
  const std::string& path() const { return path_; }
  Bytes bytes() const { return map_.bytes(); }

 private:
  std::string path_;
  MappedFile map_;
  CaptureReader reader_;
};

}  // namespace wirelab::capture
