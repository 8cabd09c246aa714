package dev.gradestream.executor.grading.compile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The global symbols an ELF64 object defines and leaves undefined, read straight from its symbol table:
 * cheaper than launching readelf, and exact. Objects of another class or byte order are not read.
 */
public record ElfSymbols(Set<String> defined, Set<String> undefined) {
    private static final int SHT_SYMTAB = 2;
    private static final int STB_LOCAL = 0;
    private static final int SHN_UNDEF = 0;
    private static final int SYMBOL_SIZE = 24;

    public ElfSymbols {
        defined = Set.copyOf(defined);
        undefined = Set.copyOf(undefined);
    }

    /** Empty when the file is not a little-endian ELF64 object (the caller then lets the linker judge). */
    public static Optional<ElfSymbols> read(Path object) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(object)).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            return Optional.empty();
        }
        long sectionTable = elf.getLong(0x28);
        int entrySize = Short.toUnsignedInt(elf.getShort(0x3a));
        int count = Short.toUnsignedInt(elf.getShort(0x3c));
        Set<String> defined = new HashSet<>();
        Set<String> undefined = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int header = Math.toIntExact(sectionTable + (long) i * entrySize);
            if (elf.getInt(header + 4) != SHT_SYMTAB) {
                continue;
            }
            int symbols = Math.toIntExact(elf.getLong(header + 0x18));
            int size = Math.toIntExact(elf.getLong(header + 0x20));
            int strings = stringTableOffset(elf, sectionTable, entrySize, elf.getInt(header + 0x28));
            for (int symbol = symbols; symbol + SYMBOL_SIZE <= symbols + size; symbol += SYMBOL_SIZE) {
                int binding = Byte.toUnsignedInt(elf.get(symbol + 4)) >> 4;
                String name = name(elf, strings + elf.getInt(symbol));
                if (binding == STB_LOCAL || name.isEmpty()) {
                    continue;
                }
                (Short.toUnsignedInt(elf.getShort(symbol + 6)) == SHN_UNDEF ? undefined : defined).add(name);
            }
        }
        return Optional.of(new ElfSymbols(defined, undefined));
    }

    private static int stringTableOffset(ByteBuffer elf, long sectionTable, int entrySize, int index) {
        return Math.toIntExact(elf.getLong(Math.toIntExact(sectionTable + (long) index * entrySize) + 0x18));
    }

    private static String name(ByteBuffer elf, int offset) {
        int end = offset;
        while (end < elf.limit() && elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        elf.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
