package dev.gradestream.executor.grading.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gradestream.executor.grading.policy.LineLocator.Location;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading readelf's listing and turning relocations into placed references, with addr2line faked. */
class PolicyObjectReferencesTest {
    private static final String SOURCE = """
            #include <stdlib.h>
            int (*fp)(const char*) = system;
            static int helper(int x) { return x; }
            int f(void) { return system("ls") + helper(1); }
            """;

    /** readelf -W -S -s -r of SOURCE's object, debug sections left out. */
    private static final String LISTING = """
            Section Headers:
              [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al
              [ 0]                   NULL            0000000000000000 000000 000000 00      0   0  0
              [ 1] .text             PROGBITS        0000000000000000 000040 000038 00  AX  0   0  1
              [ 2] .rela.text        RELA            0000000000000000 0005b8 000030 18   I 20   1  8
              [ 5] .data.rel         PROGBITS        0000000000000000 000078 000008 00  WA  0   0  8
              [ 6] .rela.data.rel    RELA            0000000000000000 0005e8 000018 18   I 20   5  8
              [ 7] .rodata           PROGBITS        0000000000000000 000080 000003 00   A  0   0  1
              [ 8] .debug_info       PROGBITS        0000000000000000 000088 0000f6 00      0   0  1
              [ 9] .rela.debug_info  RELA            0000000000000000 000700 000120 18   I 20   8  8
              [18] .eh_frame         PROGBITS        0000000000000000 000428 000058 00   A  0   0  8
              [19] .rela.eh_frame    RELA            0000000000000000 000828 000030 18   I 20  18  8
            Key to Flags:

            Relocation section '.rela.text' at offset 0x5b8 contains 2 entries:
                Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
            0000000000000018  0000000400000002 R_X86_64_PC32          0000000000000000 .rodata - 4
            0000000000000020  0000000a00000004 R_X86_64_PLT32         0000000000000000 system - 4

            Relocation section '.rela.data.rel' at offset 0x5e8 contains 1 entry:
                Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
            0000000000000000  0000000a00000001 R_X86_64_64            0000000000000000 system + 0

            Relocation section '.rela.debug_info' at offset 0x700 contains 1 entry:
                Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
            00000000000000a1  0000000900000001 R_X86_64_64            0000000000000000 fp + 0

            Relocation section '.rela.eh_frame' at offset 0x828 contains 1 entry:
                Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
            0000000000000020  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 0

            Symbol table '.symtab' contains 12 entries:
               Num:    Value          Size Type    Bind   Vis      Ndx Name
                 0: 0000000000000000     0 NOTYPE  LOCAL  DEFAULT  UND\s
                 1: 0000000000000000     0 FILE    LOCAL  DEFAULT  ABS k.c
                 2: 0000000000000000     0 SECTION LOCAL  DEFAULT    1 .text
                 3: 0000000000000000    12 FUNC    LOCAL  DEFAULT    1 helper
                 4: 0000000000000000     0 SECTION LOCAL  DEFAULT    7 .rodata
                 9: 0000000000000000     8 OBJECT  GLOBAL DEFAULT    5 fp
                10: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND system
                11: 000000000000000c    44 FUNC    GLOBAL DEFAULT    1 f
            """;

    @Test
    void readsSectionsSymbolsAndRelocationsOfAllocatedSections() {
        ElfListing elf = ElfListing.parse(LISTING);
        assertThat(elf.sections().get(1).executable()).isTrue();
        assertThat(elf.sections().get(5).executable()).isFalse();
        assertThat(elf.symbols().get(0).name()).isEmpty();
        assertThat(elf.symbols().get(10).undefined()).isTrue();
        assertThat(elf.symbols().get(11).function()).isTrue();
        // The debug section's relocation is not read: it never names a call.
        assertThat(elf.relocations()).extracting(r -> r.section(), r -> r.offset(), r -> r.symbol())
                .containsExactly(tuple(1, 0x18L, 4), tuple(1, 0x20L, 10), tuple(5, 0L, 10), tuple(18, 0x20L, 2));
    }

    @Test
    void placesCallsByTheLineTableAndDataReferencesByName() throws Exception {
        List<String> asked = new ArrayList<>();
        LineLocator locator = (section, offsets) -> {
            asked.add(section + offsets);
            return offsets.stream().map(offset -> new Location("/job/policy/code", offset == 0x20 ? 4 : 3)).toList();
        };
        ObjectReferences.Found found = ObjectReferences.find(ElfListing.parse(LISTING), false,
                SourceIndex.of(SOURCE), locator);
        // One launch for the section: the call's offset, then where helper() and f() start.
        assertThat(asked).containsExactly(".text[32, 0, 12]");
        // The initialiser's reference has no line of its own: it is placed wherever "system" is written.
        assertThat(found.references()).extracting(Reference::symbol, Reference::function, Reference::line,
                Reference::column).containsExactlyInAnyOrder(tuple("system", true, 4, 22),
                        tuple("system", true, 2, 26), tuple("system", true, 4, 22));
        assertThat(found.definedFunctions()).containsExactlyInAnyOrder("f", "helper");
        assertThat(found.definesMain()).isFalse();
    }

    @Test
    void codeFromAHeaderIsTheLibrarysUnlessTheUserTookOverLineNumbers() throws Exception {
        LineLocator header = (section, offsets) -> offsets.stream().map(o -> new Location("/usr/include/x.h", 9))
                .toList();
        String onlyCall = "int f(void) { return system(\"ls\"); }\n";
        assertThat(ObjectReferences.find(ElfListing.parse(LISTING), false, SourceIndex.of(onlyCall), header)
                .references()).extracting(Reference::line).containsExactly(1);
        String lying = "#line 1 \"/usr/include/x.h\"\nint f(void) { return system(\"ls\"); }\n";
        assertThat(ObjectReferences.find(ElfListing.parse(LISTING), false, SourceIndex.of(lying), header)
                .references()).extracting(Reference::line).containsExactly(2, 2);
    }
}
