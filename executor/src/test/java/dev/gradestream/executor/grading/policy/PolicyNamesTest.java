package dev.gradestream.executor.grading.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How symbol names, glibc's redirections and header spellings are read. */
class PolicyNamesTest {

    @Test
    void demangledNamesReduceToTheirQualifiedPath() {
        assertThat(SymbolName.parse("system").path()).containsExactly("system");
        assertThat(SymbolName.parse("Foo::get() const").path()).containsExactly("Foo", "get");
        assertThat(SymbolName.parse("void std::sort<__gnu_cxx::__normal_iterator<int*, std::vector<int, "
                + "std::allocator<int> > > >(__gnu_cxx::__normal_iterator<int*, std::vector<int> >)").path())
                .containsExactly("std", "sort");
        assertThat(SymbolName.parse("std::enable_if<std::is_move_assignable<int>::value, void>::type "
                + "std::swap<int>(int&, int&)").qualified()).isEqualTo("std::swap");
        assertThat(SymbolName.parse("std::ios_base::Init::Init()").simple()).isEqualTo("Init");
        assertThat(SymbolName.parse("(anonymous namespace)::helper(int)").path()).containsExactly("helper");
    }

    @Test
    void operatorsKeepTheirSymbols() {
        assertThat(SymbolName.parse("std::basic_ostream<char, std::char_traits<char> >& std::operator<< "
                + "<std::char_traits<char> >(std::basic_ostream<char, std::char_traits<char> >&, char const*)").path())
                .containsExactly("std", "operator<<");
        assertThat(SymbolName.parse("bool __gnu_cxx::operator!=<int*, std::vector<int> >(int const&)").path())
                .containsExactly("__gnu_cxx", "operator!=");
        assertThat(SymbolName.parse("bool __gnu_cxx::operator< <int*>(int const&)").simple()).isEqualTo("operator<");
        assertThat(SymbolName.parse("Foo::operator()(int) const").simple()).isEqualTo("operator()");
        assertThat(SymbolName.parse("operator new(unsigned long)").simple()).isEqualTo("operator new");
        assertThat(SymbolName.parse("operator delete[](void*)").simple()).isEqualTo("operator delete[]");
    }

    @Test
    void libraryNamespacesAreTold() {
        assertThat(SymbolName.parse("void std::sort<int*>(int*, int*)").inLibraryNamespace()).isTrue();
        assertThat(SymbolName.parse("__gnu_cxx::__ops::__iter_less_iter()").inLibraryNamespace()).isTrue();
        assertThat(SymbolName.parse("mylib::sort(int*)").inLibraryNamespace()).isFalse();
        assertThat(SymbolName.parse("std").inLibraryNamespace()).isFalse();
    }

    @Test
    void listEntriesAreComparedUnqualified() {
        assertThat(SymbolName.simplify(" std::printf ")).isEqualTo("printf");
        assertThat(SymbolName.simplify("printf()")).isEqualTo("printf");
    }

    @Test
    void glibcRedirectionsMapBackToWhatWasWritten() {
        assertThat(LibraryNames.writtenAs("__isoc99_scanf")).containsExactly("scanf", "__isoc99_scanf");
        assertThat(LibraryNames.writtenAs("__isoc23_strtol")).containsExactly("strtol", "__isoc23_strtol");
        assertThat(LibraryNames.writtenAs("__printf_chk")).containsExactly("printf", "__printf_chk");
        assertThat(LibraryNames.writtenAs("__errno_location")).containsExactly("errno", "__errno_location");
        assertThat(LibraryNames.writtenAs("__ctype_b_loc")).contains("isdigit", "isalpha").endsWith("__ctype_b_loc");
        assertThat(LibraryNames.writtenAs("puts")).containsExactly("puts");
    }

    @Test
    void runtimeSupportIsToldFromLibraryFunctions() {
        for (String name : List.of("__cxa_guard_acquire", "_Unwind_Resume", "__gxx_personality_v0", "__stack_chk_fail",
                "__divti3", "__muldc3", "__popcountdi2", "__floattidf", "__dso_handle")) {
            assertThat(LibraryNames.runtimeSupport(name)).as(name).isTrue();
        }
        for (String name : List.of("printf", "__isoc99_scanf", "__errno_location", "_Exit", "memcpy", "system")) {
            assertThat(LibraryNames.runtimeSupport(name)).as(name).isFalse();
        }
    }

    @Test
    void headersAreRecognisedAndMatchedWhole() {
        assertThat(HeaderMatch.isHeader("stdio.h")).isTrue();
        assertThat(HeaderMatch.isHeader("<sys/socket.h>")).isTrue();
        assertThat(HeaderMatch.isHeader("printf")).isFalse();
        List<String> banned = List.of(HeaderMatch.normalize("<stdio.h>"), HeaderMatch.normalize("sys/socket.h"));
        assertThat(HeaderMatch.matching("stdio.h", banned, false)).isEqualTo("stdio.h");
        assertThat(HeaderMatch.matching("./stdio.h", banned, false)).isEqualTo("stdio.h");
        assertThat(HeaderMatch.matching("bits/../stdio.h", banned, false)).isEqualTo("stdio.h");
        assertThat(HeaderMatch.matching("/usr/include/stdio.h", banned, false)).isEqualTo("stdio.h");
        assertThat(HeaderMatch.matching("sys/socket.h", banned, false)).isEqualTo("sys/socket.h");
        assertThat(HeaderMatch.matching("socket.h", banned, false)).isNull();
        assertThat(HeaderMatch.matching("mystdio.h", banned, false)).isNull();
        assertThat(HeaderMatch.matching("cstdio", banned, true)).isEqualTo("stdio.h");
        assertThat(HeaderMatch.matching("cstdio", banned, false)).isNull();
    }

    @Test
    void addr2lineAnswersAreParsed() {
        assertThat(Addr2Line.parse("/job/policy/code:7")).isEqualTo(new LineLocator.Location("/job/policy/code", 7));
        assertThat(Addr2Line.parse("/job/policy/code:10 (discriminator 4)").line()).isEqualTo(10);
        assertThat(Addr2Line.parse("/job/policy/code:10").inUserCode()).isTrue();
        assertThat(Addr2Line.parse("/usr/include/c++/12/iostream:74").inUserCode()).isFalse();
        assertThat(Addr2Line.parse("??:0")).isEqualTo(LineLocator.Location.UNKNOWN);
        assertThat(Addr2Line.parse("??:?")).isEqualTo(LineLocator.Location.UNKNOWN);
    }
}
